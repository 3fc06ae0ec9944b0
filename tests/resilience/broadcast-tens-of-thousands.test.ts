import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { fromLocal, toLocal } from '../../engine/time/zoned';
import { startEmbeddedHuitou, type EmbeddedHuitou } from '../support/embedded';
import { eventually, lineJourney, uniqueId } from '../support/journeys';

/** Tens of thousands, as a shop's Double 11 wave: the size that once took the whole process down. */
const CUSTOMERS = Number(process.env.HUITOU_TEST_BROADCAST_CUSTOMERS ?? 20_000);

/** A broadcast to everyone at `at` (the shop's local time): an SMS, then a day's wait. */
function wave(id: string, at: string): Journey {
  const trigger = { id: 'trigger', type: 'trigger.broadcast', config: { at, audience: { all: [] }, ratePerMinute: 0 } };
  return lineJourney(id, trigger, [
    { id: 'send', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，双十一第一波：全场满300减50' } },
    { id: 'wait', type: 'wait', config: { duration: 'P1D' } },
  ]);
}

/** The next whole local minute at least `leadMs` away, as the broadcast's `at` and as an instant. */
function nextMinute(zone: string, leadMs: number): { at: string; atMs: number } {
  const atMs = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
  const l = toLocal(atMs, zone);
  // Whole UTC minutes are whole local minutes in every zone a shop uses (offsets of whole minutes).
  expect(fromLocal(l, zone)).toBe(atMs);
  const pad = (x: number) => String(x).padStart(2, '0');
  return { at: `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`, atMs };
}

/**
 * On the embedded default (PGlite, the Temporal dev server, one process), a shop imports tens of
 * thousands of customers and broadcasts to all of them with a day's wait after the message. The
 * process stays up and keeps answering, every customer gets the message once, and the broadcast runs
 * as cohorts: a handful of workflows, not one per customer.
 */
describe('a broadcast to tens of thousands on the embedded default', () => {
  let embedded: EmbeddedHuitou;
  beforeAll(async () => void (embedded = await startEmbeddedHuitou()));
  afterAll(() => embedded?.stop());

  it('messages every customer once in cohorts, and the API answers throughout', async () => {
    const { huitou, api } = embedded;
    const db = huitou.context.db;
    const prefix = uniqueId('w');
    const rows = Array.from({ length: CUSTOMERS }, (_, i) => `${prefix}-${i},客户${i},139${String(i).padStart(8, '0')}`);
    const imported = await fetch(`${huitou.url}/api/import/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${huitou.token}`, 'content-type': 'text/csv' },
      body: `customer_id,name,phone\n${rows.join('\n')}\n`,
      signal: AbortSignal.timeout(300_000),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ inserted: CUSTOMERS, failed: 0 });

    const zone = (await huitou.context.settings.shop()).timezone;
    const { at, atMs } = nextMinute(zone, 10_000);
    const journey = wave(uniqueId('double11'), at);
    expect((await api('/api/journeys', journey)).status).toBe(201);
    expect((await api(`/api/journeys/${journey.id}/publish`)).status).toBe(200);

    const messaged = async () =>
      Number(
        (
          await db
            .selectFrom('messages')
            .select(({ fn }) => fn.countAll<string>().as('n'))
            .where('journey_id', '=', journey.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    let answered = 0;
    await eventually(
      async () => {
        // Each must be answered (a hung API fails the request after 10 s).
        const [health, list] = await Promise.all([api('/api/health', undefined, 10_000), api('/api/customers?limit=20', undefined, 10_000)]);
        expect(health.body).toMatchObject({ ok: true });
        expect(list.status).toBe(200);
        answered++;
        return (await messaged()) === CUSTOMERS ? true : undefined;
      },
      atMs - Date.now() + CUSTOMERS * 50,
      1000,
    );
    expect(answered).toBeGreaterThan(1);

    // Once each, to every customer, and everyone now waits their day.
    const sent = await db.selectFrom('messages').select(['customer_id', 'recipient']).where('journey_id', '=', journey.id).execute();
    expect(sent).toHaveLength(CUSTOMERS);
    expect(new Set(sent.map((m) => m.customer_id)).size).toBe(CUSTOMERS);
    expect(sent.every((m) => m.recipient?.startsWith('139'))).toBe(true);
    const waiting = await db.selectFrom('enrolments').select(['cohort_id']).where('journey_id', '=', journey.id).where('status', '=', 'active').execute();
    expect(waiting).toHaveLength(CUSTOMERS);

    // In cohorts, counted on the Temporal server: at most one workflow per ten customers, none of them lone.
    const count = async (type: string) =>
      (await huitou.temporal.client.workflow.count(`WorkflowType = '${type}' AND StartTime >= '${new Date(atMs - 60_000).toISOString()}'`)).count;
    const [cohorts, lone] = [await count('cohortWorkflow'), await count('journeyWorkflow')];
    expect(cohorts).toBe(new Set(waiting.map((w) => w.cohort_id)).size);
    expect(cohorts).toBeGreaterThan(0);
    expect(cohorts).toBeLessThanOrEqual(CUSTOMERS / 10);
    expect(lone).toBe(0);

    // The worker that did it never had to be started again.
    expect(huitou.worker!.lanes.bulk.recreations()).toBe(0);
    expect(huitou.worker!.lanes.bulk.current()?.getState()).toBe('RUNNING');
  }, 1_200_000);
});
