import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../../engine/index';
import type { Db } from '../../server/db/database';
import { Customers } from '../../server/customers/customers';
import { storeAndApply } from '../../server/events/event-effects';
import { Orders } from '../../server/customers/orders';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

// Events apply in time order, whatever order they arrive in: a duplicate id changes nothing, an
// older event leaves what a newer one set, and a write that changes nothing marks nothing.

let seq = 0;
const event = (type: string, customerId: string, occurredAt: string, data: Record<string, unknown>, id = `eto-${(seq += 1)}`): CustomerEvent => ({
  id,
  type,
  customerId,
  occurredAt,
  data,
});

/** The customers the facts triggers marked as changed (migration 0009). */
const marked = async (db: Db) =>
  (await sql<{ customer_id: string }>`select customer_id from facts_dirty order by customer_id`.execute(db)).rows.map((r) => r.customer_id);
const clearMarks = (db: Db) => sql`delete from facts_dirty`.execute(db);

/** Every order of the items (n! of them). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe.each(databaseKinds)('events apply in time order on %s', (kind) => {
  let t: TestDatabase;
  let customers: Customers;
  let orders: Orders;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    customers = new Customers(t.db);
    orders = new Orders(t.db);
  });
  afterAll(() => t?.close());
  beforeEach(() => clearMarks(t.db));

  it('a duplicate id with different data changes nothing: profile, order, event log, marks', async () => {
    const first = event(
      'order.created',
      'c-dup',
      '2026-06-01T10:00:00+08:00',
      { orderId: 'o-dup', amount: 100, customer: { name: '王芳', phone: '13800000001' } },
      'e-dup',
    );
    expect(await storeAndApply(t.db, first)).toEqual({ stored: true, order: 'created' });
    const eventRow = await t.db.selectFrom('events').selectAll().where('id', '=', 'e-dup').executeTakeFirstOrThrow();
    const orderRow = await orders.get('o-dup');
    const customerRow = await t.db.selectFrom('customers').selectAll().where('id', '=', 'c-dup').executeTakeFirstOrThrow();
    await clearMarks(t.db);

    // The same id again, later and saying other things (another name, amount, even another customer).
    const replay = event(
      'order.paid',
      'c-dup',
      '2026-06-02T10:00:00+08:00',
      { orderId: 'o-dup', amount: 5, customer: { name: '李雷', email: 'li@example.com' } },
      'e-dup',
    );
    expect(await storeAndApply(t.db, replay)).toEqual({ stored: false });
    expect(await storeAndApply(t.db, { ...replay, type: 'customer.updated', data: { name: '韩梅梅' } })).toEqual({ stored: false });

    expect(await t.db.selectFrom('events').selectAll().where('id', '=', 'e-dup').execute()).toEqual([eventRow]);
    expect(await orders.get('o-dup')).toEqual(orderRow);
    expect(await t.db.selectFrom('customers').selectAll().where('id', '=', 'c-dup').executeTakeFirstOrThrow()).toEqual(customerRow);
    expect(await customers.profile('c-dup')).toEqual({ id: 'c-dup', name: '王芳', phone: '13800000001' });
    expect(await marked(t.db)).toEqual([]);
  });

  it('an older customer.updated leaves the fields a newer one set, and still sets the ones it did not touch', async () => {
    await storeAndApply(t.db, event('customer.updated', 'c-old', '2026-06-02T10:00:00Z', { name: '新名字', phone: null, attributes: { level: 'gold' } }));
    await clearMarks(t.db);
    // Arrives later, happened earlier: name, phone and level are older than what is stored.
    await storeAndApply(
      t.db,
      event('customer.updated', 'c-old', '2026-06-01T10:00:00Z', {
        name: '旧名字',
        phone: '13800000002',
        region: '浙江',
        attributes: { level: 'silver', source: '天猫' },
      }),
    );
    expect(await customers.profile('c-old')).toEqual({ id: 'c-old', name: '新名字', region: '浙江', level: 'gold', source: '天猫' });
    const row = await t.db.selectFrom('customers').select('field_set_at').where('id', '=', 'c-old').executeTakeFirstOrThrow();
    expect(row.field_set_at).toEqual({
      name: '2026-06-02T10:00:00.000Z',
      phone: '2026-06-02T10:00:00.000Z',
      'attributes.level': '2026-06-02T10:00:00.000Z',
      region: '2026-06-01T10:00:00.000Z',
      'attributes.source': '2026-06-01T10:00:00.000Z',
    });

    // A newer event sets what it names again.
    await storeAndApply(t.db, event('customer.updated', 'c-old', '2026-06-03T10:00:00Z', { phone: '13800000003', attributes: { level: 'silver' } }));
    expect(await customers.profile('c-old')).toEqual({ id: 'c-old', name: '新名字', phone: '13800000003', region: '浙江', level: 'silver', source: '天猫' });
  });

  it('an event older than every field it names writes nothing and marks nothing', async () => {
    await storeAndApply(t.db, event('customer.updated', 'c-quiet', '2026-06-05T00:00:00Z', { name: '张三', attributes: { vip: true } }));
    const before = await t.db.selectFrom('customers').selectAll().where('id', '=', 'c-quiet').executeTakeFirstOrThrow();
    await clearMarks(t.db);
    expect(await storeAndApply(t.db, event('customer.updated', 'c-quiet', '2026-06-04T00:00:00Z', { name: '张四', attributes: { vip: false } }))).toEqual({
      stored: true,
    });
    expect(await storeAndApply(t.db, event('order.shipped', 'c-quiet', '2026-06-04T00:00:00Z', { orderId: 'o-none', customer: { name: '张五' } }))).toEqual({
      stored: true,
      order: 'skipped',
    });
    expect(await t.db.selectFrom('customers').selectAll().where('id', '=', 'c-quiet').executeTakeFirstOrThrow()).toEqual(before);
    expect(await marked(t.db)).toEqual([]);
  });

  it('a newer event of equal values records its time, so an event from in between cannot overwrite it', async () => {
    await storeAndApply(t.db, event('customer.updated', 'c-same', '2026-06-01T00:00:00Z', { region: '上海' }));
    await storeAndApply(t.db, event('customer.updated', 'c-same', '2026-06-03T00:00:00Z', { region: '上海' }));
    await storeAndApply(t.db, event('customer.updated', 'c-same', '2026-06-02T00:00:00Z', { region: '北京' }));
    expect(await customers.profile('c-same')).toEqual({ id: 'c-same', region: '上海' });
  });

  it('data.customer on order events follows the same rule', async () => {
    await storeAndApply(t.db, event('order.created', 'c-said', '2026-06-02T00:00:00Z', { orderId: 'o-said-2', amount: 1, customer: { phone: '13900000002' } }));
    await storeAndApply(
      t.db,
      event('order.created', 'c-said', '2026-06-01T00:00:00Z', {
        orderId: 'o-said-1',
        amount: 1,
        customer: { phone: '13900000001', email: 'old@example.com' },
      }),
    );
    expect(await customers.profile('c-said')).toEqual({ id: 'c-said', phone: '13900000002', email: 'old@example.com' });
  });

  it('order events give the same order whatever order they arrive in', async () => {
    const events = (orderId: string) => [
      event('order.created', 'c-perm', '2026-05-01T10:00:00Z', { orderId, amount: 300, discount: 30, productIds: ['p-1'] }),
      event('order.paid', 'c-perm', '2026-05-01T10:05:00Z', { orderId, amount: 280 }),
      event('order.shipped', 'c-perm', '2026-05-02T09:00:00Z', { orderId, productIds: ['p-1', 'p-2'] }),
      event('order.refunded', 'c-perm', '2026-05-05T10:00:00Z', { orderId, amount: 0 }),
      event('order.closed', 'c-perm', '2026-05-07T10:00:00Z', { orderId }),
    ];
    const outcomes = new Set<string>();
    for (const [n, order] of permutations([0, 1, 2, 3, 4]).entries()) {
      if (n % 4 !== 0) continue; // 30 of the 120 orders, every first event among them
      const orderId = `o-perm-${n}`;
      const all = events(orderId);
      for (const i of order) await storeAndApply(t.db, all[i]!);
      const row = await orders.get(orderId);
      outcomes.add(
        JSON.stringify({
          status: row?.status,
          amount: row?.amount,
          discount: row?.discount,
          productIds: row?.product_ids,
          times: [row?.created_at, row?.paid_at, row?.shipped_at, row?.refunded_at, row?.closed_at].map((d) => d?.toISOString()),
        }),
      );
    }
    // The one result applying them in time order gives: refunded (the earlier end), the last amount
    // reported (the refund's 0), the shipment's products, the created discount, every step's time.
    expect([...outcomes].map((o) => JSON.parse(o))).toEqual([
      {
        status: 'refunded',
        amount: '0.00',
        discount: '30.00',
        productIds: ['p-1', 'p-2'],
        times: ['2026-05-01T10:00:00.000Z', '2026-05-01T10:05:00.000Z', '2026-05-02T09:00:00.000Z', '2026-05-05T10:00:00.000Z', '2026-05-07T10:00:00.000Z'],
      },
    ]);
  });

  it('an older order event leaves a newer amount and status, and writes nothing when it changes nothing', async () => {
    await storeAndApply(t.db, event('order.delivered', 'c-ord', '2026-05-03T00:00:00Z', { orderId: 'o-late', amount: 120, productIds: ['p-9'] }));
    await clearMarks(t.db);
    // A paid report from before delivery, repeating an old amount: the newer amount stands, the status stays.
    expect((await storeAndApply(t.db, event('order.paid', 'c-ord', '2026-05-01T00:00:00Z', { orderId: 'o-late', amount: 150 }))).order).toBe('updated');
    let row = await orders.get('o-late');
    expect(row).toMatchObject({ status: 'delivered', amount: '120.00', product_ids: ['p-9'] });
    expect(row?.paid_at?.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    // The same payment reported again later (another id) changes nothing: the earliest time stands.
    await clearMarks(t.db);
    const samePaidAt = await orders.get('o-late');
    expect((await storeAndApply(t.db, event('order.paid', 'c-ord', '2026-05-02T00:00:00Z', { orderId: 'o-late' }))).order).toBe('unchanged');
    row = await orders.get('o-late');
    expect(row).toEqual(samePaidAt);
    expect(row?.updated_at).toEqual(samePaidAt?.updated_at);
    expect(await marked(t.db)).toEqual([]);
  });
});
