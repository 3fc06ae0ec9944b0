import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/** trigger (order.created) → wait → SMS → exit, with the settings a test gives. */
function waitThenSms(wait: string, settings: Partial<Journey['settings']>, trigger = 'order.created', perOrder = true): Journey {
  return {
    schemaVersion: 1,
    id: uniqueId('life'),
    name: 'life',
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: trigger, perOrder } },
      { id: 'wait', type: 'wait', config: { duration: wait } },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '还有优惠等您' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'sms' },
      { from: 'sms', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [], ...settings },
    layout: { positions: {} },
  };
}

describe('a journey’s life: exit criteria, stop, re-entry after a cool-down', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
  };
  const post = async (event: ReturnType<typeof orderEvent>) => expect((await stack.api('/api/events', { body: event })).status).toBe(202);
  const enrolment = (workflowId: string) => stack.huitou.context.enrolments.find(workflowId);
  const ended = (workflowId: string) => eventually(async () => ((await enrolment(workflowId))?.status === 'completed' ? enrolment(workflowId) : undefined));
  const smsCount = async (customerId: string, journeyId: string) =>
    ((await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as unknown[]).length;

  it('takes a customer out in the middle of a day-long wait when an exit event of the same order arrives', async () => {
    const journey = waitThenSms('P1D', { exitWhen: [{ eventType: 'order.paid', sameOrder: true }] });
    await publish(journey);
    const customer = uniqueId('c');
    const [order, other] = [uniqueId('o'), uniqueId('o')];
    await post(orderEvent('order.created', customer, order, { amount: 99, customer: { phone: '13800001111' } }));
    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    await eventually(async () => ((await enrolment(workflowId))?.status === 'active' ? true : undefined));
    // Another order's payment does not count; this order's does.
    await post(orderEvent('order.paid', customer, other, { amount: 10 }));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await enrolment(workflowId))?.status).toBe('active');
    await post(orderEvent('order.paid', customer, order, { amount: 99 }));
    expect(await ended(workflowId)).toMatchObject({ exitReason: 'exit-when order.paid:wait' });
    expect(await smsCount(customer, journey.id)).toBe(0);
  });

  it('stop ends every enrolment, records it, and lets nobody new in', async () => {
    const journey = waitThenSms('P1D', {});
    await publish(journey);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    await post(orderEvent('order.created', customer, order, { amount: 99 }));
    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    await eventually(async () => ((await enrolment(workflowId))?.status === 'active' ? true : undefined));
    const stopped = await stack.api(`/api/journeys/${journey.id}/stop`, { method: 'POST' });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ journey: { status: 'stopped' }, stopping: 1 });
    expect(await ended(workflowId)).toMatchObject({ exitReason: 'stopped:wait' });
    const later = uniqueId('o');
    await post(orderEvent('order.created', customer, later, { amount: 99 }));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await enrolment(`journey:${journey.id}:${customer}:${later}`)).toBeUndefined();
    // A stopped journey cannot be resumed; it is published again instead.
    expect((await stack.api(`/api/journeys/${journey.id}/resume`, { method: 'POST' })).status).toBe(409);
  });

  it('re-entry after a cool-down: refused inside it, allowed after it', async () => {
    const journey = waitThenSms('PT1S', { reEntry: 'cooldown', reEntryCooldown: 'PT12H' }, 'order.paid', false);
    await publish(journey);
    const customer = uniqueId('c');
    const workflowId = `journey:${journey.id}:${customer}`;
    const at = (ms: number) => ({
      ...orderEvent('order.paid', customer, uniqueId('o'), { amount: 50, customer: { phone: '13800002222' } }),
      occurredAt: new Date(Date.now() + ms).toISOString(),
    });
    await post(at(0));
    await ended(workflowId);
    expect(await smsCount(customer, journey.id)).toBe(1);
    await post(at(3_600_000)); // an hour later: inside the cool-down
    await new Promise((r) => setTimeout(r, 2000));
    expect((await enrolment(workflowId))?.status).toBe('completed');
    // Thirteen hours later: allowed again (events dated more than a day ahead are refused, so the
    // cool-down is shorter than that).
    await post(at(13 * 3_600_000));
    await eventually(async () => ((await smsCount(customer, journey.id)) === 2 ? true : undefined));
  });

  it('credits a goal event to the last message the journey sent within the window', async () => {
    const journey = waitThenSms('PT1S', { goal: { eventType: 'order.paid', within: 'P7D' } });
    await publish(journey);
    const [buyer, stranger] = [uniqueId('c'), uniqueId('c')];
    const order = uniqueId('o');
    await post(orderEvent('order.created', buyer, order, { amount: 99, customer: { phone: '13800003333' } }));
    await ended(`journey:${journey.id}:${buyer}:${order}`);
    // Credit goes to a delivered message: the payment comes after the SMS went out.
    await eventually(async () => ((await stack.api(`/api/messages?customerId=${buyer}`)).body.messages[0]?.status === 'sent' ? true : undefined));
    const paid = orderEvent('order.paid', buyer, order, { amount: 99 });
    await post(paid);
    await post(paid); // a duplicate delivery is one conversion
    await post(orderEvent('order.paid', stranger, uniqueId('o'), { amount: 99 })); // got no message: no credit
    const summary = await eventually(async () => {
      const r = await stack.api(`/api/journeys/${journey.id}/conversions`);
      return r.body.conversions.total > 0 ? r.body : undefined;
    });
    await new Promise((r) => setTimeout(r, 1000));
    const again = (await stack.api(`/api/journeys/${journey.id}/conversions`)).body;
    expect(again).toEqual({ goal: { eventType: 'order.paid', within: 'P7D' }, conversions: { total: 1, byNode: { sms: 1 }, byVersion: { '1': 1 } } });
    expect(summary.conversions.total).toBe(1);
  });

  it('a new version while old enrolments drain: each customer finishes on the version they entered', async () => {
    const v1 = waitThenSms('PT4S', {});
    await publish(v1);
    const [early, late] = [uniqueId('c'), uniqueId('c')];
    const [o1, o2] = [uniqueId('o'), uniqueId('o')];
    await post(orderEvent('order.created', early, o1, { amount: 99, customer: { phone: '13800004444' } }));
    const earlyId = `journey:${v1.id}:${early}:${o1}`;
    await eventually(async () => ((await enrolment(earlyId))?.status === 'active' ? true : undefined));
    // Version 2 changes the text while the first customer is still waiting.
    const v2 = structuredClone(v1);
    v2.nodes.find((n) => n.id === 'sms')!.config = { channel: 'sms', template: '第二版文案' };
    expect((await stack.api(`/api/journeys/${v1.id}`, { method: 'PUT', body: v2 })).status).toBe(200);
    expect((await stack.api(`/api/journeys/${v1.id}/publish`, { method: 'POST' })).body.version).toBe(2);
    await post(orderEvent('order.created', late, o2, { amount: 99, customer: { phone: '13800005555' } }));
    const lateId = `journey:${v1.id}:${late}:${o2}`;
    await ended(earlyId);
    await ended(lateId);
    const sms = async (c: string) => (await stack.api(`/api/messages?customerId=${c}&journeyId=${v1.id}`)).body.messages[0];
    // Marketing SMS, each with the shop's opt-out text at its end.
    expect(await sms(early)).toMatchObject({ journeyVersion: 1, text: '还有优惠等您 拒收请回复R' });
    expect(await sms(late)).toMatchObject({ journeyVersion: 2, text: '第二版文案 拒收请回复R' });
    expect((await enrolment(earlyId))?.journeyVersion).toBe(1);
    expect((await enrolment(lateId))?.journeyVersion).toBe(2);
  });

  it('quiet hours and caps across two journeys: both SMS are held for the morning, and the higher priority takes the one place', async () => {
    const settings = (await stack.api('/api/settings')).body.settings;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const quiet = { from: `${String(hour).padStart(2, '0')}:00`, to: `${String((hour + 2) % 24).padStart(2, '0')}:00`, mode: 'hold' };
    const messaging = { quietHours: quiet, frequencyCaps: [{ channel: 'sms', max: 1, within: 'P1D' }] };
    expect((await stack.api('/api/settings', { method: 'PUT', body: { ...settings, messaging } })).status).toBe(200);
    try {
      const low = waitThenSms('PT2S', { priority: 2 });
      const high = waitThenSms('PT4S', { priority: 8 });
      await publish(low);
      await publish(high);
      const customer = uniqueId('c');
      const order = uniqueId('o');
      await post(orderEvent('order.created', customer, order, { amount: 99, customer: { phone: '13800006666' } }));
      await ended(`journey:${low.id}:${customer}:${order}`);
      await ended(`journey:${high.id}:${customer}:${order}`);
      const all = (await stack.api(`/api/messages?customerId=${customer}`)).body.messages as { journeyId: string; status: string }[];
      const statusOf = (j: string) => all.filter((m) => m.journeyId === j).map((m) => m.status);
      // The low-priority SMS came first and was held by the quiet hours; the high-priority one,
      // also held, took its place under the 1-a-day cap. Both are recorded.
      expect(statusOf(low.id)).toEqual(['capped']);
      expect(statusOf(high.id)).toEqual(['queued']);
      const held = await stack.huitou.context.db
        .selectFrom('messages')
        .select(['guard_reason', 'next_attempt_at'])
        .where('customer_id', '=', customer)
        .where('journey_id', '=', high.id)
        .executeTakeFirstOrThrow();
      expect(held.guard_reason).toBe('quiet-hours');
      expect(held.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    } finally {
      await stack.api('/api/settings', { method: 'PUT', body: settings });
    }
  });
});
