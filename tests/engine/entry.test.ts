import { describe, expect, it } from 'vitest';
import { awaitedEventTypes, createRegistry, enrolmentWorkflowId, entryFor, journeySchema } from '../../engine/index';
import { orderEvent, paymentReminder, paymentReminderDocument } from './fixtures';

const registry = createRegistry();

/** The payment reminder with its trigger's config changed. */
function withTrigger(config: Record<string, unknown>) {
  const doc = paymentReminderDocument();
  doc.nodes[0]!.config = { ...doc.nodes[0]!.config, ...config };
  return journeySchema.parse(doc);
}

describe('entryFor: which events enrol a customer, under which workflow id', () => {
  it('enrols on order.created with an orderId as journey:<id>:<customer>:<order>', async () => {
    const entry = await entryFor(paymentReminder(), registry, orderEvent('order.created', { orderId: 'A1001' }, 'cust-9'));
    expect(entry).toEqual({ workflowId: 'journey:payment-reminder:cust-9:A1001', entryKey: 'A1001' });
  });

  it('gives the same workflow id for the same customer and order, another for another order', async () => {
    const journey = paymentReminder();
    const first = await entryFor(journey, registry, orderEvent('order.created', { orderId: 'A1' }));
    const again = await entryFor(journey, registry, orderEvent('order.created', { orderId: 'A1' }));
    const other = await entryFor(journey, registry, orderEvent('order.created', { orderId: 'A2' }));
    expect(again?.workflowId).toBe(first?.workflowId);
    expect(other?.workflowId).not.toBe(first?.workflowId);
  });

  it('does not enrol on order.paid', async () => {
    expect(await entryFor(paymentReminder(), registry, orderEvent('order.paid'))).toBeUndefined();
  });

  it('with perOrder: false enrols once per customer as journey:<id>:<customer>', async () => {
    const entry = await entryFor(withTrigger({ perOrder: false }), registry, orderEvent('order.created', { orderId: 'A1001' }, 'cust-9'));
    expect(entry).toEqual({ workflowId: 'journey:payment-reminder:cust-9', entryKey: undefined });
  });

  it('filters by the trigger condition (amount >= 100)', async () => {
    const journey = withTrigger({ condition: { all: [{ fact: 'orderAmount', operator: 'greaterThanInclusive', value: 100 }] } });
    expect(await entryFor(journey, registry, orderEvent('order.created', { amount: 99.99 }))).toBeUndefined();
    expect(await entryFor(journey, registry, orderEvent('order.created', { amount: 100 }))).toEqual({
      workflowId: 'journey:payment-reminder:c-1:o-1',
      entryKey: 'o-1',
    });
  });

  it('filters by a trigger condition on the event by path', async () => {
    const journey = withTrigger({ condition: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 100 }] } });
    expect(await entryFor(journey, registry, orderEvent('order.created', { amount: 50 }))).toBeUndefined();
    expect(await entryFor(journey, registry, orderEvent('order.created', { amount: 150 }))).toBeDefined();
  });

  it('enrolmentWorkflowId joins the parts with ":"', () => {
    expect(enrolmentWorkflowId('j', 'c')).toBe('journey:j:c');
    expect(enrolmentWorkflowId('j', 'c', 'o')).toBe('journey:j:c:o');
  });
});

describe('awaitedEventTypes', () => {
  it('lists the event types the wait-for-event steps listen to', () => {
    expect(awaitedEventTypes(paymentReminder(), registry)).toEqual(['order.paid']);
  });

  it('lists each type once', () => {
    const doc = paymentReminderDocument();
    doc.nodes.push(
      { id: 'await-again', type: 'wait.event', config: { eventType: 'order.paid' } },
      { id: 'await-ship', type: 'wait.event', config: { eventType: 'order.shipped' } },
    );
    expect(awaitedEventTypes(journeySchema.parse(doc), registry)).toEqual(['order.paid', 'order.shipped']);
  });
});
