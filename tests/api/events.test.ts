import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

describe('events API', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it('stores the good events of a batch and reports the bad one by index', async () => {
    const customer = uniqueId('c');
    const good1 = orderEvent('order.created', customer, 'o1', { amount: 10 });
    const good2 = orderEvent('order.paid', customer, 'o1', { amount: 10 });
    const bad = { id: 'e-bad', type: 'order.created', customerId: customer, occurredAt: '2026-11-11 20:00', data: { orderId: 7, amount: -1 } };
    const res = await stack.api('/api/events', { body: [good1, bad, good2] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual([
      { index: 0, id: good1.id, duplicate: false },
      { index: 2, id: good2.id, duplicate: false },
    ]);
    expect(res.body.rejected).toHaveLength(1);
    expect(res.body.rejected[0].index).toBe(1);
    expect(res.body.rejected[0].problems.map((p: { path: string }) => p.path).sort()).toEqual(['data.amount', 'data.orderId', 'occurredAt']);

    // 202 means stored: both good events are in the event log, the bad one is not.
    // (The customer's facts changed too, which adds customer.* events of its own; only order events are compared.)
    const stored = await stack.huitou.context.db
      .selectFrom('events')
      .select('id')
      .where('customer_id', '=', customer)
      .where('type', 'like', 'order.%')
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([good1.id, good2.id].sort());
  });

  it('answers 400 when no event is acceptable', async () => {
    const res = await stack.api('/api/events', { body: { type: 'order.created' } });
    expect(res.status).toBe(400);
    expect(res.body.accepted).toEqual([]);
    expect(res.body.rejected[0].problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['id', 'customerId', 'occurredAt']));
  });

  it('is idempotent by event id', async () => {
    const e = orderEvent('order.created', uniqueId('c'), 'o1', { amount: 1 });
    expect((await stack.api('/api/events', { body: e })).body.accepted[0].duplicate).toBe(false);
    expect((await stack.api('/api/events', { body: e })).body.accepted[0].duplicate).toBe(true);
  });

  it('keeps the customer profile current from order events', async () => {
    const customer = uniqueId('c');
    await stack.api('/api/events', { body: orderEvent('order.created', customer, 'o1', { amount: 20, customer: { name: '李雷', phone: '13900000000' } }) });
    await stack.api('/api/events', { body: orderEvent('order.created', customer, 'o2', { amount: 30, customer: { email: 'li@example.com' } }) });
    expect(await stack.huitou.context.customers.profile(customer)).toMatchObject({ id: customer, name: '李雷', phone: '13900000000', email: 'li@example.com' });
  });

  it('refuses more than 1000 events in one request', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => orderEvent('order.created', 'c', `o${i}`));
    const res = await stack.api('/api/events', { body: many });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('too_many_events');
  });
});
