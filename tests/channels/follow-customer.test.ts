import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey, MessageGuard } from '../../engine/index';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import type { ChannelProvider } from '../../server/messaging/channels/provider';
import { createLogger } from '../../server/logger';
import { Conversions } from '../../server/journeys/conversions';
import { Enrolments } from '../../server/journeys/enrolments';
import { Events } from '../../server/events/event-log';
import { Journeys } from '../../server/journeys/journey-store';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, uniqueId } from '../support/journeys';

const log = createLogger('silent');
const marketing: MessageGuard = { category: 'marketing', priority: 5, quietHours: 'shop' };

/** trigger → SMS → exit, with the settings a test gives (exit criteria, goal). */
function smsJourney(settings: Partial<Journey['settings']> = {}): Journey {
  return {
    schemaVersion: 1,
    id: uniqueId('follow'),
    name: 'follow',
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '您的订单还未付款' } },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'sms' },
      { from: 'sms', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [], ...settings },
    layout: { positions: {} },
  };
}

/**
 * A message follows its customer: whatever held it, the dispatcher asks again right before it
 * goes. Each test holds a message (as quiet hours would), changes what the customer or the shop
 * did meanwhile, then lets the hold end and runs the real dispatcher on the real database.
 */
describe.each(databaseKinds)('a held message follows its customer on %s', (kind) => {
  let t: TestDatabase;
  let journeys: Journeys;
  let events: Events;
  let enrolments: Enrolments;
  let outbox: Outbox;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    journeys = new Journeys(t.db);
    events = new Events(t.db);
    enrolments = new Enrolments(t.db);
    outbox = new Outbox(t.db);
  });
  afterAll(() => t?.close());

  const delivered: string[] = [];
  // Its own channel per suite, so no other test's rows are claimed here.
  const channel = `sms-follow-${kind}`;
  const provider: ChannelProvider = { name: 'counting', send: async (m) => (delivered.push(m.id), { providerMessageId: m.id }) };
  const drain = () => new MessageDispatcher({ db: t.db, providers: { [channel]: provider }, log }).drain();
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** The hold ends: the message is due now. */
  const holdEnds = (id: string) =>
    t.db
      .updateTable('messages')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();

  /** A published journey, a customer enrolled by an order, and the held SMS its step stored. */
  const heldMessage = async (settings: Partial<Journey['settings']> = {}, guard: MessageGuard | null = marketing) => {
    const journey = await journeys.create(smsJourney(settings));
    await journeys.publish(journey.id);
    const customerId = uniqueId('c');
    const orderId = uniqueId('o');
    const entry = orderEvent('order.created', customerId, orderId, { amount: 99 });
    await events.append(entry);
    const workflowId = `journey:${journey.id}:${customerId}:${orderId}`;
    await enrolments.recordStart({ workflowId, journeyId: journey.id, journeyVersion: 1, customerId, entryEventId: entry.id });
    const { messageId } = await outbox.enqueue({
      idempotencyKey: `${workflowId}/run-1/sms/1`,
      channel,
      recipient: '13800001234',
      text: '您的订单还未付款',
      journeyId: journey.id,
      journeyVersion: 1,
      nodeId: 'sms',
      customerId,
      guard: guard ?? undefined,
      at: Date.now(),
    });
    // Held for the morning, as quiet hours would.
    await t.db
      .updateTable('messages')
      .set({ next_attempt_at: new Date(Date.now() + 3_600_000), guard_reason: 'quiet-hours', reason_code: 'quiet_hours' })
      .where('id', '=', messageId)
      .execute();
    return { journey, customerId, orderId, workflowId, messageId };
  };

  it('delivers a held message whose customer is still in a live journey', async () => {
    const m = await heldMessage({ exitWhen: [{ eventType: 'order.paid', sameOrder: true }] });
    await drain();
    expect(delivered).not.toContain(m.messageId); // still held
    await holdEnds(m.messageId);
    await drain();
    expect(delivered).toContain(m.messageId);
    expect(await row(m.messageId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('cancels a held message when the customer paid meanwhile (exit criteria), and only for the same order', async () => {
    const exitWhen = [{ eventType: 'order.paid', sameOrder: true }];
    // Another order's payment is not this reminder's business.
    const otherOrderPaid = await heldMessage({ exitWhen });
    await events.append(orderEvent('order.paid', otherOrderPaid.customerId, uniqueId('o'), { amount: 10 }));
    const paid = await heldMessage({ exitWhen });
    await events.append(orderEvent('order.paid', paid.customerId, paid.orderId, { amount: 99 }));
    await holdEnds(otherOrderPaid.messageId);
    await holdEnds(paid.messageId);
    await drain();
    expect(delivered).not.toContain(paid.messageId);
    expect(await row(paid.messageId)).toMatchObject({
      status: 'cancelled',
      attempts: 0,
      reason_code: 'customer_exited',
      reason_params: { eventType: 'order.paid' },
    });
    expect((await row(paid.messageId)).guard_reason).toContain('left the journey');
    expect(await row(otherOrderPaid.messageId)).toMatchObject({ status: 'sent' });
  });

  it('cancels a held message when the customer reached the goal meanwhile, and credits no conversion to it', async () => {
    const m = await heldMessage({ goal: { eventType: 'order.paid', within: 'P7D' } });
    const paid = orderEvent('order.paid', m.customerId, m.orderId, { amount: 99 });
    await events.append(paid);
    const published = [{ journey: (await journeys.version(m.journey.id, 1))!, version: 1 }];
    expect(await new Conversions(t.db).attribute(paid, published)).toBe(0);
    await holdEnds(m.messageId);
    await drain();
    expect(await row(m.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'customer_converted', reason_params: { eventType: 'order.paid' } });
    expect(delivered).not.toContain(m.messageId);
    const conversions = await t.db.selectFrom('conversions').selectAll().where('journey_id', '=', m.journey.id).execute();
    expect(conversions).toEqual([]);
  });

  it('a goal reached for another order leaves the reminder of this one alone', async () => {
    const m = await heldMessage({ goal: { eventType: 'order.paid', within: 'P7D' } });
    await events.append(orderEvent('order.paid', m.customerId, uniqueId('o'), { amount: 10 }));
    await holdEnds(m.messageId);
    await drain();
    expect(await row(m.messageId)).toMatchObject({ status: 'sent' });
  });

  it('credits a conversion to a delivered message only, timed by its delivery', async () => {
    const m = await heldMessage({ goal: { eventType: 'order.paid', within: 'P7D' } });
    await holdEnds(m.messageId);
    await drain();
    expect(await row(m.messageId)).toMatchObject({ status: 'sent' });
    const paid = { ...orderEvent('order.paid', m.customerId, m.orderId, { amount: 99 }), occurredAt: new Date(Date.now() + 1000).toISOString() };
    await events.append(paid);
    expect(await new Conversions(t.db).attribute(paid, [{ journey: (await journeys.version(m.journey.id, 1))!, version: 1 }])).toBe(1);
    expect(await t.db.selectFrom('conversions').select('message_id').where('journey_id', '=', m.journey.id).execute()).toEqual([{ message_id: m.messageId }]);
  });

  it('cancels a held message at once when its journey is stopped, and one stored after the stop at delivery', async () => {
    const m = await heldMessage();
    await journeys.setStatus(m.journey.id, 'stopped');
    expect(await row(m.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'journey_stopped' });
    // An action that was running when the stop came stores its message after it.
    const late = await outbox.enqueue({
      idempotencyKey: `${m.workflowId}/run-1/sms/2`,
      channel,
      recipient: '13800001234',
      text: 'late',
      journeyId: m.journey.id,
      journeyVersion: 1,
      nodeId: 'sms',
      customerId: m.customerId,
    });
    await drain();
    expect(await row(late.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'journey_stopped', attempts: 0 });
    // Publishing again does not bring the stopped run's messages back.
    await journeys.publish(m.journey.id);
    await drain();
    expect(delivered).not.toContain(m.messageId);
    expect(delivered).not.toContain(late.messageId);
  });

  it('keeps a held message while its journey is paused and delivers it once resumed', async () => {
    const m = await heldMessage();
    await journeys.setStatus(m.journey.id, 'paused');
    await holdEnds(m.messageId);
    await drain();
    expect(delivered).not.toContain(m.messageId);
    const paused = await row(m.messageId);
    expect(paused).toMatchObject({ status: 'queued', attempts: 0, reason_code: 'journey_paused' });
    expect(paused.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    await journeys.setStatus(m.journey.id, 'live');
    await drain();
    expect(delivered).toContain(m.messageId);
    expect(await row(m.messageId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('cancels a held message whose enrolment ended by an exit criterion or a stop', async () => {
    const exited = await heldMessage();
    await enrolments.recordExit(exited.workflowId, 'exit-when order.closed:wait');
    const stopped = await heldMessage();
    await enrolments.recordExit(stopped.workflowId, 'stopped');
    const finished = await heldMessage();
    await enrolments.recordExit(finished.workflowId, 'exit-node:done');
    for (const m of [exited, stopped, finished]) await holdEnds(m.messageId);
    await drain();
    expect(await row(exited.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'customer_exited', reason_params: { eventType: 'order.closed' } });
    expect(await row(stopped.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'journey_stopped' });
    // Reaching the journey's end is no reason: the message was its last step.
    expect(await row(finished.messageId)).toMatchObject({ status: 'sent' });
  });

  it('follows a transactional message held by a retry too', async () => {
    const m = await heldMessage({ exitWhen: [{ eventType: 'order.paid', sameOrder: true }] }, null);
    expect((await row(m.messageId)).category).toBe('transactional');
    await events.append(orderEvent('order.paid', m.customerId, m.orderId, { amount: 99 }));
    await holdEnds(m.messageId);
    await drain();
    expect(await row(m.messageId)).toMatchObject({ status: 'cancelled', reason_code: 'customer_exited' });
  });

  it('lists the reason in the outbox: a code and parameters, with until when for a held one', async () => {
    const held = await heldMessage();
    const stopped = await heldMessage();
    await journeys.setStatus(stopped.journey.id, 'stopped');
    const list = async (customerId: string) => (await outbox.list({ customerId }))[0]!;
    const h = await list(held.customerId);
    expect(h.reason).toEqual({ code: 'quiet_hours', params: { until: (await row(held.messageId)).next_attempt_at.toISOString() } });
    expect((await list(stopped.customerId)).reason).toEqual({ code: 'journey_stopped', params: {} });
  });
});
