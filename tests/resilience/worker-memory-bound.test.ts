import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COHORT_SIZE, type Journey } from '../../engine/index';
import { laneLimits } from '../../server/worker/lane-budget';
import { startEmbeddedHuitou, type EmbeddedHuitou } from '../support/embedded';
import { eventually, lineJourney, uniqueId } from '../support/journeys';

/** The smallest budget Huitou takes: its bulk lane (where a bulk enrolment runs) gets 25 cached journeys, a 192 MB workflow heap. */
const BUDGET_MB = 192;
/**
 * Enough customers that, kept all in memory as the SDK's default cache would keep them (measured
 * 0.7–2.5 MB each), they would need more than the whole budget: 400 × 0.7 MB = 280 MB > 192 MB.
 */
const CUSTOMERS = 400;
const LEAST_MB_PER_CACHED_WORKFLOW = 0.7;

function messageThenWaitADay(id: string): Journey {
  // Nobody enters by this trigger here: everyone is enrolled at once, as a broadcast does.
  const trigger = { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created' } };
  return lineJourney(id, trigger, [
    { id: 'send', type: 'message.send', config: { channel: 'sms', template: '双十二：全场满200减30' } },
    { id: 'wait', type: 'wait', config: { duration: 'P1D' } },
  ]);
}

/**
 * Everyone in a bulk enrolment gets a message and then waits a day: journeys pile up in the
 * worker. With a small memory budget on the embedded defaults, the worker keeps at most its
 * bounded cache of them in memory (evicting the rest, to replay when their day is up), the
 * process stays up, the API keeps answering, and every customer gets the message.
 */
describe('a bulk enrolment larger than the worker memory budget holds', () => {
  let embedded: EmbeddedHuitou;
  beforeAll(async () => void (embedded = await startEmbeddedHuitou({ workerMemoryMb: BUDGET_MB })));
  afterAll(() => embedded?.stop());

  it('keeps the cache within the budget, answers the API throughout, and messages every customer once', async () => {
    const { huitou, api } = embedded;
    // The bulk lane runs the enrolment as cohorts (of the default size): its cache is counted in them.
    const limits = laneLimits(BUDGET_MB, DEFAULT_COHORT_SIZE).bulk;
    expect(CUSTOMERS * LEAST_MB_PER_CACHED_WORKFLOW).toBeGreaterThan(BUDGET_MB);
    expect(limits.maxCachedWorkflows).toBeLessThan(CUSTOMERS);

    const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ id: uniqueId(`b${i}`), phone: `139${String(i).padStart(8, '0')}` }));
    const profiles = customers.map((c) => ({
      id: uniqueId('upd'),
      type: 'customer.updated',
      customerId: c.id,
      occurredAt: new Date().toISOString(),
      data: { phone: c.phone },
    }));
    expect((await api('/api/events', profiles)).status).toBe(202);
    const db = huitou.context.db;
    const ids = customers.map((c) => c.id);
    await eventually(
      async () => ((await db.selectFrom('customers').select('id').where('id', 'in', ids).execute()).length === CUSTOMERS ? true : undefined),
      120_000,
    );

    const journey = messageThenWaitADay(uniqueId('bulk'));
    expect((await api('/api/journeys', journey)).status).toBe(201);
    expect((await api(`/api/journeys/${journey.id}/publish`)).status).toBe(200);
    expect((await api(`/api/journeys/${journey.id}/enrol`, { customerIds: ids })).status).toBe(202);

    // While they are enrolled and messaged: the worker's cache and the API, sampled.
    let mostCached = 0;
    let answered = 0;
    const messaged = () =>
      db
        .selectFrom('messages')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('journey_id', '=', journey.id)
        .executeTakeFirstOrThrow();
    await eventually(
      async () => {
        mostCached = Math.max(mostCached, huitou.worker!.lanes.bulk.current()?.getStatus().numCachedWorkflows ?? 0);
        // Each must be answered (a hung API fails the request after 10 s).
        const [health, list] = await Promise.all([api('/api/health', undefined, 10_000), api('/api/customers?limit=20', undefined, 10_000)]);
        expect(health.body).toMatchObject({ ok: true });
        expect(list.status).toBe(200);
        answered++;
        return Number((await messaged()).n) === CUSTOMERS ? true : undefined;
      },
      600_000,
      500,
    );

    expect(answered).toBeGreaterThan(1);
    expect(mostCached).toBeGreaterThan(0);
    expect(mostCached).toBeLessThanOrEqual(limits.maxCachedWorkflows);
    // Everyone was messaged once and now waits their day; the worker that did it never stopped.
    const perCustomer = await db.selectFrom('messages').select(['customer_id']).where('journey_id', '=', journey.id).execute();
    expect(new Set(perCustomer.map((m) => m.customer_id)).size).toBe(CUSTOMERS);
    expect(perCustomer).toHaveLength(CUSTOMERS);
    const active = await db.selectFrom('enrolments').select('workflow_id').where('journey_id', '=', journey.id).where('status', '=', 'active').execute();
    expect(active).toHaveLength(CUSTOMERS);
    expect(huitou.worker!.lanes.bulk.current()?.getState()).toBe('RUNNING');
    expect(huitou.worker!.lanes.bulk.recreations()).toBe(0);
    expect(huitou.worker!.lanes.bulk.current()!.getStatus().numCachedWorkflows).toBeLessThanOrEqual(limits.maxCachedWorkflows);
  }, 900_000);
});
