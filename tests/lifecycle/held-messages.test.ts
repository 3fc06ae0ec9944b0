import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { eventually, lineJourney, orderCreatedTrigger, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

interface ListedMessage {
  id: string;
  journeyId: string;
  status: string;
  reason: { code: string; params: Record<string, string | number> } | null;
}

/** trigger (order.created, per order) → SMS → [a day's wait →] exit, with the settings a test gives. */
function smsJourney(settings: Partial<Journey['settings']>, waitAfter = false): Journey {
  const sms = { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '您的订单还未付款，库存有限' } };
  const tail = waitAfter ? [{ id: 'wait', type: 'wait', config: { duration: 'P1D' } }] : [];
  return { ...lineJourney(uniqueId('held'), orderCreatedTrigger, [sms, ...tail], settings), name: 'held' };
}

/**
 * A message held by quiet hours follows its customer, on the whole product with real Temporal:
 * the journey runs, the outbox holds its SMS for the morning, the customer or the shop acts, and
 * when the hold ends the dispatcher delivers it only if it is still wanted.
 */
describe('a message held by quiet hours follows its customer', () => {
  let stack: Stack;
  let shopSettings: unknown;
  beforeAll(async () => {
    stack = await startStack();
    shopSettings = (await stack.api('/api/settings')).body.settings;
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const messaging = { quietHours: { from: hh(hour), to: hh(hour + 2), mode: 'hold' }, frequencyCaps: [] };
    expect((await stack.api('/api/settings', { method: 'PUT', body: { ...(shopSettings as object), messaging } })).status).toBe(200);
  });
  afterAll(async () => {
    if (stack) await stack.api('/api/settings', { method: 'PUT', body: shopSettings });
    await stack?.stop();
  });

  const publish = async (journey: Journey) => {
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
  };
  const post = async (event: ReturnType<typeof orderEvent>) => expect((await stack.api('/api/events', { body: event })).status).toBe(202);
  const enrolment = (workflowId: string) => stack.huitou.context.enrolments.find(workflowId);
  // Every journey of this file stays live and starts on a new order, so a customer gets a message
  // from each: look at the one of the journey under test.
  const messageOf = async (customerId: string, journeyId: string): Promise<ListedMessage | undefined> =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages[0];
  const messageWith = (customerId: string, journeyId: string, status: string) =>
    eventually(async () => ((await messageOf(customerId, journeyId))?.status === status ? messageOf(customerId, journeyId) : undefined));
  /** The quiet hours end for this message: it is due now. */
  const holdEnds = (id: string) => stack.huitou.context.db.updateTable('messages').set({ next_attempt_at: new Date() }).where('id', '=', id).execute();

  /** Enrols a new customer with an order; returns once their SMS is held, as the API lists it. */
  const enrolWithHeldSms = async (journey: Journey) => {
    const customerId = uniqueId('c');
    const orderId = uniqueId('o');
    await post(orderEvent('order.created', customerId, orderId, { amount: 99, customer: { phone: '13800001234' } }));
    const held = await messageWith(customerId, journey.id, 'queued');
    expect(held.reason).toMatchObject({ code: 'quiet_hours', params: { from: expect.any(String), to: expect.any(String), until: expect.any(String) } });
    expect(Date.parse(String(held.reason!.params.until))).toBeGreaterThan(Date.now() + 30 * 60_000);
    return { customerId, orderId, workflowId: `journey:${journey.id}:${customerId}:${orderId}`, messageId: held.id };
  };

  it('paid while held: cancelled when the hold ends, and the payment credits no conversion', async () => {
    const journey = smsJourney({ exitWhen: [{ eventType: 'order.paid', sameOrder: true }], goal: { eventType: 'order.paid', within: 'P7D' } });
    await publish(journey);
    const m = await enrolWithHeldSms(journey);
    // The SMS was the journey's last step: the customer has finished it while the SMS waits.
    await eventually(async () => ((await enrolment(m.workflowId))?.status === 'completed' ? true : undefined));
    await post(orderEvent('order.paid', m.customerId, m.orderId, { amount: 99 }));
    await eventually(async () =>
      (
        await stack.huitou.context.db
          .selectFrom('events')
          .select('routed_at')
          .where('customer_id', '=', m.customerId)
          .where('type', '=', 'order.paid')
          .executeTakeFirst()
      )?.routed_at
        ? true
        : undefined,
    );
    await holdEnds(m.messageId);
    const cancelled = await messageWith(m.customerId, journey.id, 'cancelled');
    expect(cancelled.reason).toEqual({ code: 'customer_exited', params: { eventType: 'order.paid' } });
    expect((await stack.api(`/api/journeys/${journey.id}/conversions`)).body.conversions.total).toBe(0);
  });

  it('stopped while held: cancelled at once', async () => {
    const journey = smsJourney({}, true);
    await publish(journey);
    const m = await enrolWithHeldSms(journey);
    expect((await stack.api(`/api/journeys/${journey.id}/stop`, { method: 'POST' })).status).toBe(200);
    const cancelled = await messageWith(m.customerId, journey.id, 'cancelled');
    expect(cancelled.reason).toEqual({ code: 'journey_stopped', params: {} });
    await holdEnds(m.messageId);
    await new Promise((r) => setTimeout(r, 2500)); // the dispatcher's rounds pass it by
    expect((await messageOf(m.customerId, journey.id))?.status).toBe('cancelled');
  });

  it('paused while held: stays held past its hour, delivered once resumed', async () => {
    const journey = smsJourney({});
    await publish(journey);
    const m = await enrolWithHeldSms(journey);
    expect((await stack.api(`/api/journeys/${journey.id}/pause`, { method: 'POST' })).status).toBe(200);
    await holdEnds(m.messageId);
    const paused = await eventually(async () => {
      const listed = await messageOf(m.customerId, journey.id);
      return listed?.reason?.code === 'journey_paused' ? listed : undefined;
    });
    expect(paused.status).toBe('queued');
    expect((await stack.api(`/api/journeys/${journey.id}/resume`, { method: 'POST' })).status).toBe(200);
    await messageWith(m.customerId, journey.id, 'sent');
  });

  it('exited while held: the exit criterion takes the customer out of the wait, and the SMS is cancelled', async () => {
    const journey = smsJourney({ exitWhen: [{ eventType: 'order.closed', sameOrder: true }] }, true);
    await publish(journey);
    const m = await enrolWithHeldSms(journey);
    await post(orderEvent('order.closed', m.customerId, m.orderId, { amount: 99 }));
    // Patient: on a machine busy with other suites the signal, the exit and its record take a while.
    const ended = await eventually(async () => ((await enrolment(m.workflowId))?.status === 'completed' ? enrolment(m.workflowId) : undefined), 90_000);
    expect(ended?.exitReason).toBe('exit-when order.closed:wait');
    await holdEnds(m.messageId);
    const cancelled = await messageWith(m.customerId, journey.id, 'cancelled');
    expect(cancelled.reason).toEqual({ code: 'customer_exited', params: { eventType: 'order.closed' } });
  });

  it('says why a message went nowhere: no recipient', async () => {
    const journey = smsJourney({});
    await publish(journey);
    const customerId = uniqueId('c');
    await post(orderEvent('order.created', customerId, uniqueId('o'), { amount: 99 }));
    const skipped = await messageWith(customerId, journey.id, 'skipped_no_recipient');
    expect(skipped.reason).toEqual({ code: 'no_recipient', params: {} });
  });
});
