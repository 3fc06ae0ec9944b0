import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

// Through the API: events apply in time order, a duplicate id changes nothing, and an event dated
// more than a day ahead is refused with its index, naming occurredAt, in the caller's language.

describe('events API and time', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const storedIds = async (customer: string) =>
    (
      await stack.huitou.context.db
        .selectFrom('events')
        .select('id')
        .where('customer_id', '=', customer)
        .where('type', 'in', ['order.created', 'order.paid', 'customer.updated'])
        .execute()
    )
      .map((r) => r.id)
      .sort();

  it('refuses a single event dated more than a day ahead, in English and in Chinese, and stores nothing', async () => {
    const customer = uniqueId('c');
    const future = { ...orderEvent('order.created', customer, 'o-future', { amount: 10 }), occurredAt: '2099-01-01T00:00:00+08:00' };
    const res = await stack.api('/api/events', { body: future });
    expect(res.status).toBe(400);
    expect(res.body.accepted).toEqual([]);
    expect(res.body.rejected).toEqual([
      {
        index: 0,
        problems: [
          {
            path: 'occurredAt',
            code: 'invalid',
            message: expect.stringMatching(/^occurredAt: is 2098-12-31T16:00:00\.000Z, more than a day after the server's time \(\d{4}-.+\)/),
          },
        ],
      },
    ]);
    const zh = await stack.api('/api/events?locale=zh-CN', { body: future });
    expect(zh.status).toBe(400);
    expect(zh.body.rejected[0].problems[0]).toMatchObject({ path: 'occurredAt', message: expect.stringContaining('比服务器时间') });
    expect(await storedIds(customer)).toEqual([]);
    expect(await stack.huitou.context.orders.get('o-future')).toBeUndefined();
  });

  it('in a batch, refuses the future event by its index and stores the good ones; a few hours ahead is accepted', async () => {
    const customer = uniqueId('c');
    const good1 = orderEvent('order.created', customer, uniqueId('o'), { amount: 10 });
    const future = { ...orderEvent('order.created', customer, uniqueId('o'), { amount: 20 }), occurredAt: new Date(Date.now() + 26 * 3_600_000).toISOString() };
    const soon = { ...orderEvent('order.created', customer, uniqueId('o'), { amount: 30 }), occurredAt: new Date(Date.now() + 3 * 3_600_000).toISOString() };
    const res = await stack.api('/api/events', { body: [good1, future, soon] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual([
      { index: 0, id: good1.id, duplicate: false },
      { index: 2, id: soon.id, duplicate: false },
    ]);
    expect(res.body.rejected).toEqual([
      { index: 1, problems: [{ path: 'occurredAt', code: 'invalid', message: expect.stringContaining('more than a day after') }] },
    ]);
    expect(await storedIds(customer)).toEqual([good1.id, soon.id].sort());
  });

  it('a duplicate id with different data changes nothing and is not routed again', async () => {
    const customer = uniqueId('c');
    const orderId = uniqueId('o');
    const first = orderEvent('order.created', customer, orderId, { amount: 88, customer: { name: '王芳' } });
    expect((await stack.api('/api/events', { body: first })).body.accepted).toEqual([{ index: 0, id: first.id, duplicate: false }]);
    const db = stack.huitou.context.db;
    const routed = async () => {
      for (;;) {
        const row = await db.selectFrom('events').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
        if (row.routed_at) return row;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const eventRow = await routed();
    const orderRow = await stack.huitou.context.orders.get(orderId);

    const replay = {
      ...first,
      type: 'order.paid',
      occurredAt: new Date().toISOString(),
      data: { orderId, amount: 1, customer: { name: '李雷', phone: '13800000000' } },
    };
    expect((await stack.api('/api/events', { body: replay })).body.accepted).toEqual([{ index: 0, id: first.id, duplicate: true }]);
    expect(await db.selectFrom('events').selectAll().where('id', '=', first.id).execute()).toEqual([eventRow]);
    expect(await stack.huitou.context.orders.get(orderId)).toEqual(orderRow);
    expect(await stack.huitou.context.customers.profile(customer)).toEqual({ id: customer, name: '王芳' });
  });

  it('an older event arriving after a newer one leaves the newer values and sets the fields it alone names', async () => {
    const customer = uniqueId('c');
    const updated = (occurredAt: string, data: Record<string, unknown>) => ({
      id: uniqueId('e'),
      type: 'customer.updated',
      customerId: customer,
      occurredAt,
      data,
    });
    await stack.api('/api/events', { body: updated('2026-11-02T10:00:00+08:00', { name: '新', region: '上海' }) });
    const res = await stack.api('/api/events', { body: updated('2026-11-01T10:00:00+08:00', { name: '旧', region: '浙江', email: 'old@example.com' }) });
    expect(res.body.accepted[0].duplicate).toBe(false);
    expect(await stack.huitou.context.customers.profile(customer)).toEqual({ id: customer, name: '新', region: '上海', email: 'old@example.com' });

    // Order status and amount likewise: a payment reported after the refund, dated before it.
    const orderId = uniqueId('o');
    await stack.api('/api/events', { body: { ...orderEvent('order.refunded', customer, orderId, { amount: 0 }), occurredAt: '2026-11-03T10:00:00+08:00' } });
    await stack.api('/api/events', { body: { ...orderEvent('order.paid', customer, orderId, { amount: 199 }), occurredAt: '2026-11-02T10:00:00+08:00' } });
    expect(await stack.huitou.context.orders.get(orderId)).toMatchObject({ status: 'refunded', amount: '0.00' });
  });
});
