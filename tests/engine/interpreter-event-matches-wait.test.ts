import { describe, expect, it } from 'vitest';
import { eventMatchesWait, type EventWait } from '../../engine/index';
import { orderEvent } from './fixtures';

const entry = orderEvent('order.created', { orderId: 'A1', amount: 300 });
const paidWait: EventWait = { eventType: 'order.paid', timeoutMs: 1_500_000, sameOrder: true };

describe('eventMatchesWait', () => {
  it('refuses an event of another type', async () => {
    expect(await eventMatchesWait(paidWait, orderEvent('order.cancelled', { orderId: 'A1' }), entry)).toBe(false);
  });

  it('with sameOrder, refuses a payment of another order', async () => {
    expect(await eventMatchesWait(paidWait, orderEvent('order.paid', { orderId: 'B2' }), entry)).toBe(false);
    expect(await eventMatchesWait(paidWait, { ...orderEvent('order.paid'), data: {} }, entry)).toBe(false);
  });

  it('with sameOrder, accepts the payment of the same order', async () => {
    expect(await eventMatchesWait(paidWait, orderEvent('order.paid', { orderId: 'A1' }), entry)).toBe(true);
  });

  it('without sameOrder, accepts a payment of any order', async () => {
    expect(await eventMatchesWait({ ...paidWait, sameOrder: false }, orderEvent('order.paid', { orderId: 'B2' }), entry)).toBe(true);
  });

  it('applies a condition on the awaited event (lastEvent) and can compare with the entry event', async () => {
    const fullPayment: EventWait = {
      ...paidWait,
      condition: { all: [{ fact: 'lastEvent', path: '$.data.amount', operator: 'greaterThanInclusive', value: 300 }] },
    };
    expect(await eventMatchesWait(fullPayment, orderEvent('order.paid', { orderId: 'A1', amount: 100 }), entry)).toBe(false);
    expect(await eventMatchesWait(fullPayment, orderEvent('order.paid', { orderId: 'A1', amount: 300 }), entry)).toBe(true);

    const bigOrder: EventWait = { ...paidWait, condition: { all: [{ fact: 'orderAmount', operator: 'greaterThan', value: 1_000 }] } };
    expect(await eventMatchesWait(bigOrder, orderEvent('order.paid', { orderId: 'A1', amount: 5_000 }), entry)).toBe(false);
  });
});
