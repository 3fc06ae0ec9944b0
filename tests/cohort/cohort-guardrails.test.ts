import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { eventually, lineJourney, orderCreatedTrigger, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** wait → a marketing SMS → exit, entered by a bulk enrol: its customers run in cohorts. */
function waitThenSms(wait: string, settings: Partial<Journey['settings']>): Journey {
  return lineJourney(
    uniqueId('guarded'),
    orderCreatedTrigger,
    [
      { id: 'pause', type: 'wait', config: { duration: wait } },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '{{customer.name}}，会员日满200减30' } },
    ],
    settings,
  );
}

/**
 * The shop's guardrails hold for customers in cohorts as for lone ones, on the whole product with
 * real Temporal: quiet hours hold their messages for the morning, a frequency cap lets one message
 * a day through and the journey of higher priority takes that place, and a goal reached after a
 * member's message is credited to it.
 */
describe('cohorts keep the guardrails and conversions', () => {
  let stack: Stack;
  let shopSettings: Record<string, unknown>;
  beforeAll(async () => {
    stack = await startStack({ cohortSize: 3 });
    shopSettings = (await stack.api('/api/settings')).body.settings;
  });
  afterAll(async () => {
    if (stack) await stack.api('/api/settings', { method: 'PUT', body: shopSettings });
    await stack?.stop();
  });

  const db = () => stack.huitou.context.db;
  const customers = async (n: number) => {
    const ids = Array.from({ length: n }, (_, i) => uniqueId(`g${i}`));
    const body = ids.map((id, i) => ({
      id: uniqueId('upd'),
      type: 'customer.updated',
      customerId: id,
      occurredAt: new Date().toISOString(),
      data: { name: `客${i}`, phone: `1370000${String(i).padStart(4, '0')}` },
    }));
    expect((await stack.api('/api/events', { body })).status).toBe(202);
    await eventually(async () => ((await db().selectFrom('customers').select('id').where('id', 'in', ids).execute()).length === n ? true : undefined));
    return ids;
  };
  const publishAndEnrol = async (journey: Journey, ids: string[]) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    expect((await stack.api(`/api/journeys/${journey.id}/enrol`, { body: { customerIds: ids } })).status).toBe(202);
    const rows = await eventually(async () => {
      const found = await db().selectFrom('enrolments').select(['cohort_id']).where('journey_id', '=', journey.id).execute();
      return found.length === ids.length && found.every((r) => r.cohort_id) ? found : undefined;
    });
    return new Set(rows.map((r) => r.cohort_id));
  };
  const ended = (journeyId: string, n: number) =>
    eventually(async () => {
      const rows = await db().selectFrom('enrolments').select('status').where('journey_id', '=', journeyId).where('status', '=', 'completed').execute();
      return rows.length === n ? true : undefined;
    }, 60_000);

  it('quiet hours hold every member’s message, and under a cap of one a day the journey of higher priority takes the place', async () => {
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const messaging = { quietHours: { from: hh(hour), to: hh(hour + 2), mode: 'hold' }, frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] };
    expect((await stack.api('/api/settings', { method: 'PUT', body: { ...shopSettings, messaging } })).status).toBe(200);
    try {
      const ids = await customers(5);
      const low = waitThenSms('PT2S', { priority: 2 });
      const high = waitThenSms('PT4S', { priority: 8 });
      // Five customers in cohorts of three: two cohorts per journey.
      expect((await publishAndEnrol(low, ids)).size).toBe(2);
      expect((await publishAndEnrol(high, ids)).size).toBe(2);
      await ended(low.id, 5);
      await ended(high.id, 5);
      const rows = await db()
        .selectFrom('messages')
        .select(['customer_id', 'journey_id', 'status', 'guard_reason', 'reason_code', 'next_attempt_at'])
        .where('customer_id', 'in', ids)
        .execute();
      for (const id of ids) {
        const of = (journeyId: string) => rows.filter((r) => r.customer_id === id && r.journey_id === journeyId);
        // The low-priority SMS came first, held by the quiet hours; the high-priority one, also held, took its place.
        expect(of(low.id).map((r) => [r.status, r.reason_code])).toEqual([['capped', 'gave_way']]);
        expect(of(high.id).map((r) => [r.status, r.guard_reason])).toEqual([['queued', 'quiet-hours']]);
        expect(of(high.id)[0]!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
      }
    } finally {
      await stack.api('/api/settings', { method: 'PUT', body: shopSettings });
    }
  });

  it('credits a member’s goal to the message its cohort sent it, once', async () => {
    const ids = await customers(4);
    const journey = waitThenSms('PT1S', { goal: { eventType: 'order.paid', within: 'P7D' } });
    await publishAndEnrol(journey, ids);
    await eventually(async () => {
      const rows = await db().selectFrom('messages').select('status').where('journey_id', '=', journey.id).execute();
      return rows.length === 4 && rows.every((r) => r.status === 'sent') ? true : undefined;
    }, 60_000);
    const paid = orderEvent('order.paid', ids[1]!, uniqueId('o'), { amount: 230 });
    expect((await stack.api('/api/events', { body: paid })).status).toBe(202);
    expect((await stack.api('/api/events', { body: paid })).status).toBe(202);
    const summary = await eventually(async () => {
      const r = await stack.api(`/api/journeys/${journey.id}/conversions`);
      return r.body.conversions.total > 0 ? r.body : undefined;
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await stack.api(`/api/journeys/${journey.id}/conversions`)).body).toEqual(summary);
    expect(summary).toEqual({ goal: { eventType: 'order.paid', within: 'P7D' }, conversions: { total: 1, byNode: { sms: 1 }, byVersion: { '1': 1 } } });
  });
});
