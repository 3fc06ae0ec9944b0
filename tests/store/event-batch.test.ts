import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../../engine/index';
import type { Db } from '../../server/db/database';
import { storeAndApply, storeAndApplyBatch } from '../../server/events/event-effects';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

// A batch is stored and applied set-based (a few multi-row statements a table) and must leave the
// tables exactly as the same events stored one at a time, in the same order: per-field times,
// duplicates, an order's events before the order, several events about one customer or order.

/** Events about customers and orders, in an arrival order with everything the rules care about. */
function scenario(p: string): CustomerEvent[] {
  let n = 0;
  const e = (type: string, customer: string, occurredAt: string, data: Record<string, unknown>, id = `${p}-e${(n += 1)}`): CustomerEvent => ({
    id,
    type,
    customerId: `${p}-${customer}`,
    occurredAt,
    data,
  });
  const o = (name: string) => `${p}-${name}`;
  return [
    // Shipped and paid before the order exists (skipped), then created: all applied once it is.
    e('order.shipped', 'c1', '2026-05-02T09:00:00Z', { orderId: o('o1'), productIds: ['p-1', 'p-2'] }),
    e('order.paid', 'c1', '2026-05-01T10:05:00Z', { orderId: o('o1') }),
    e('order.created', 'c1', '2026-05-01T10:00:00Z', { orderId: o('o1'), amount: 300, discount: 30, productIds: ['p-1'], customer: { name: '王芳' } }),
    // A newer amount, then an older one that must not win; a refund then an earlier close.
    e('order.paid', 'c1', '2026-05-01T10:06:00Z', { orderId: o('o1'), amount: 280 }),
    e('order.paid', 'c1', '2026-05-01T09:00:00Z', { orderId: o('o1'), amount: 999 }),
    e('order.refunded', 'c1', '2026-05-05T10:00:00Z', { orderId: o('o1'), amount: 0 }),
    e('order.closed', 'c1', '2026-05-04T10:00:00Z', { orderId: o('o1') }),
    // An unknown order without an amount stays skipped.
    e('order.delivered', 'c2', '2026-05-03T00:00:00Z', { orderId: o('o2') }),
    // A second order for c2 with what it says of the customer.
    e('order.created', 'c2', '2026-05-03T00:00:00Z', { orderId: o('o3'), amount: 50, customer: { name: '李雷', phone: '13800000002' } }),
    // Profiles: per-field times across several events about one customer in one batch.
    e('customer.updated', 'c2', '2026-06-02T10:00:00Z', { name: '新名字', phone: null, attributes: { level: 'gold' } }),
    e('customer.updated', 'c2', '2026-06-01T10:00:00Z', { name: '旧名字', region: '上海', attributes: { level: 'silver', vip: true } }),
    e('customer.updated', 'c2', '2026-06-02T10:00:00Z', { name: '同时', email: 'tie@example.com' }),
    e('customer.updated', 'c3', '2026-06-01T00:00:00Z', { region: '北京', birthday: '05-20' }),
    e('shop.visited', 'c3', '2026-06-01T00:00:00Z', { page: 'home', customer: { email: 'c3@example.com' } }),
    // The same id twice in the batch, with other data: the second is a duplicate.
    e('customer.updated', 'c3', '2026-06-03T00:00:00Z', { region: '广州' }, `${p}-dup`),
    e('customer.updated', 'c3', '2026-06-04T00:00:00Z', { region: '深圳' }, `${p}-dup`),
  ];
}

/** The rows the events left, with the prefix taken out of ids so two runs compare. */
async function rows(db: Db, p: string) {
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(`${p}-`, ''));
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'email', 'birthday', 'region', 'attributes', 'field_set_at', 'latest_set_at'])
    .where('id', 'like', `${p}-%`)
    .orderBy('id')
    .execute();
  const orders = await db
    .selectFrom('orders')
    .select([
      'id',
      'customer_id',
      'status',
      'amount',
      'discount',
      'product_ids',
      'created_at',
      'paid_at',
      'shipped_at',
      'delivered_at',
      'closed_at',
      'refunded_at',
      'field_set_at',
      'latest_set_at',
    ])
    .where('id', 'like', `${p}-%`)
    .orderBy('id')
    .execute();
  const events = await db.selectFrom('events').select(['id', 'type', 'data']).where('id', 'like', `${p}-%`).orderBy('id').execute();
  return strip({ customers, orders, events });
}

describe.each(databaseKinds)('a batch of events on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.close());

  it('leaves the same rows as the events one at a time, and answers the same', async () => {
    const oneByOne = [];
    for (const event of scenario('one')) oneByOne.push(await storeAndApply(t.db, event));
    const whole = await storeAndApplyBatch(t.db, scenario('all'));
    expect(whole).toEqual(oneByOne);
    const expected = await rows(t.db, 'one');
    expect(await rows(t.db, 'all')).toEqual(expected);
    // In pieces of three (an order's events across batches), the same again.
    const pieces = scenario('three');
    for (let i = 0; i < pieces.length; i += 3) await storeAndApplyBatch(t.db, pieces.slice(i, i + 3));
    expect(await rows(t.db, 'three')).toEqual(expected);
    // The close (the earlier end) stands; the refund's amount (the latest); products from the shipment.
    expect(expected.orders[0]).toMatchObject({ id: 'o1', status: 'closed', amount: '0.00', discount: '30.00', product_ids: ['p-1', 'p-2'] });
    expect(expected.orders.map((o: { id: string }) => o.id)).toEqual(['o1', 'o3']);
    expect(whole.map((a) => a.order)).toContain('skipped');
    expect(whole.at(-1)).toEqual({ stored: false });
  });

  it('a batch sent again is all duplicates and changes nothing', async () => {
    await storeAndApplyBatch(t.db, scenario('again'));
    const before = await rows(t.db, 'again');
    const answers = await storeAndApplyBatch(
      t.db,
      scenario('again').map((e) => ({ ...e, data: { ...e.data, amount: 1, name: 'x' } })),
    );
    expect(answers.every((a) => !a.stored)).toBe(true);
    expect(await rows(t.db, 'again')).toEqual(before);
  });

  it('concurrent batches about the same customers and orders all land', async () => {
    const all = scenario('conc');
    const batches = [all.slice(0, 6), all.slice(6, 11), all.slice(11)];
    await Promise.all([...batches, ...batches].map((b) => storeAndApplyBatch(t.db, b)));
    const stored = await t.db.selectFrom('events').select('id').where('id', 'like', 'conc-%').execute();
    expect(stored).toHaveLength(new Set(all.map((e) => e.id)).size);
  });
});
