import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../../engine/index';
import { Customers } from '../../server/customers/customers';
import { storeAndApply } from '../../server/events/event-effects';
import { Orders, type ImportedOrder } from '../../server/customers/orders';
import { Products } from '../../server/customers/products';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const order = (id: string, changes: Partial<ImportedOrder> = {}): ImportedOrder => ({
  id,
  customerId: 'c-1',
  status: 'paid',
  createdAt: '2026-03-01T02:00:00.000Z',
  paidAt: '2026-03-01T02:05:00.000Z',
  amount: '128.50',
  discount: '0',
  productIds: ['p-1', 'p-2'],
  attributes: {},
  setAt: '2026-03-02T00:00:00.000Z',
  ...changes,
});
const allOptional = new Set(['paidAt', 'discount', 'productIds'] as const);

let seq = 0;
const event = (type: string, data: Record<string, unknown>, occurredAt: string, customerId = 'c-ev'): CustomerEvent => ({
  id: `e-${(seq += 1)}`,
  type,
  customerId,
  occurredAt,
  data,
});

describe.each(databaseKinds)('customer data stores on %s', (kind) => {
  let t: TestDatabase;
  let orders: Orders;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    orders = new Orders(t.db);
  });
  afterAll(() => t?.close());

  it('upserts imported orders: inserts, leaves identical rows alone, updates a changed one', async () => {
    const rows = [
      order('o-1'),
      order('o-2', { status: 'refunded', amount: '0.1', discount: '20', productIds: [] }),
      order('o-3', { attributes: { channel: 'tmall' } }),
    ];
    expect(await orders.upsertImported(rows, allOptional)).toEqual({ inserted: 3, updated: 0 });
    expect(await orders.upsertImported(rows, allOptional)).toEqual({ inserted: 0, updated: 0 });
    // 128.5 and 128.50 are the same amount: not a change.
    expect(await orders.upsertImported([order('o-1', { amount: '128.5' })], allOptional)).toEqual({ inserted: 0, updated: 0 });
    expect(await orders.upsertImported([order('o-1', { amount: '99' }), rows[1]!], allOptional)).toEqual({ inserted: 0, updated: 1 });
    expect(await orders.forCustomer('c-1')).toEqual([
      { id: 'o-1', status: 'paid', amount: 99, discount: 0, createdAt: '2026-03-01T02:00:00.000Z', productIds: ['p-1', 'p-2'] },
      { id: 'o-2', status: 'refunded', amount: 0.1, discount: 20, createdAt: '2026-03-01T02:00:00.000Z', productIds: [] },
      { id: 'o-3', status: 'paid', amount: 128.5, discount: 0, createdAt: '2026-03-01T02:00:00.000Z', productIds: ['p-1', 'p-2'] },
    ]);
    expect((await orders.get('o-3'))?.attributes).toEqual({ channel: 'tmall' });
  });

  it('leaves the columns an import lacks as they were', async () => {
    await orders.upsertImported([order('o-keep', { discount: '15', productIds: ['p-9'] })], allOptional);
    expect(await orders.upsertImported([order('o-keep', { discount: '0', productIds: [] })], new Set())).toEqual({ inserted: 0, updated: 0 });
    const [kept] = await orders.forCustomer('c-1').then((os) => os.filter((o) => o.id === 'o-keep'));
    expect(kept).toMatchObject({ discount: 15, productIds: ['p-9'] });
  });

  it('moves order status forward only, and closed or refunded are final', async () => {
    const apply = (type: string, data: Record<string, unknown>, at: string) => storeAndApply(t.db, event(type, data, at));
    expect((await apply('order.created', { orderId: 'ev-1', amount: 300, discount: 30, productIds: ['p-1'] }, '2026-05-01T12:00:00+08:00')).order).toBe(
      'created',
    );
    await apply('order.shipped', { orderId: 'ev-1' }, '2026-05-02T09:00:00+08:00');
    // A late payment report does not move a shipped order back; its time is still recorded.
    expect((await apply('order.paid', { orderId: 'ev-1' }, '2026-05-01T12:10:00+08:00')).order).toBe('updated');
    let row = await orders.get('ev-1');
    expect(row).toMatchObject({ status: 'shipped', customer_id: 'c-ev', amount: '300.00', discount: '30.00', product_ids: ['p-1'] });
    expect(row?.created_at.toISOString()).toBe('2026-05-01T04:00:00.000Z');
    expect(row?.paid_at?.toISOString()).toBe('2026-05-01T04:10:00.000Z');
    expect(row?.shipped_at?.toISOString()).toBe('2026-05-02T01:00:00.000Z');

    await apply('order.refunded', { orderId: 'ev-1', amount: 0 }, '2026-05-05T10:00:00+08:00');
    await apply('order.delivered', { orderId: 'ev-1' }, '2026-05-06T10:00:00+08:00');
    await apply('order.closed', { orderId: 'ev-1' }, '2026-05-07T10:00:00+08:00');
    row = await orders.get('ev-1');
    // Each step's time is recorded when first reported; the status stays refunded.
    expect(row).toMatchObject({ status: 'refunded', amount: '0.00' });
    expect(row?.closed_at?.toISOString()).toBe('2026-05-07T02:00:00.000Z');
    expect(row?.refunded_at?.toISOString()).toBe('2026-05-05T02:00:00.000Z');
    expect(row?.delivered_at?.toISOString()).toBe('2026-05-06T02:00:00.000Z');
  });

  it('creates an unknown order from a status event with an amount, and skips one without', async () => {
    const paid = await storeAndApply(t.db, event('order.paid', { orderId: 'ev-2', amount: 58 }, '2026-06-01T10:00:00+08:00'));
    expect(paid).toEqual({ stored: true, order: 'created' });
    expect(await orders.get('ev-2')).toMatchObject({ status: 'paid', amount: '58.00' });
    // The creation event arriving late gives the earlier creation time and keeps the status.
    await storeAndApply(t.db, event('order.created', { orderId: 'ev-2', amount: 58 }, '2026-06-01T09:50:00+08:00'));
    const row = await orders.get('ev-2');
    expect(row?.status).toBe('paid');
    expect(row?.created_at.toISOString()).toBe('2026-06-01T01:50:00.000Z');

    const shipped = event('order.shipped', { orderId: 'ev-unknown' }, '2026-06-02T10:00:00+08:00');
    expect(await storeAndApply(t.db, shipped)).toEqual({ stored: true, order: 'skipped' });
    expect(await orders.get('ev-unknown')).toBeUndefined();
    expect(await t.db.selectFrom('events').select('id').where('id', '=', shipped.id).executeTakeFirst()).toEqual({ id: shipped.id });
    // A duplicate is not applied twice.
    expect(await storeAndApply(t.db, shipped)).toEqual({ stored: false });
  });

  it('keeps profiles current from customer.updated: given fields replace, null clears, attributes merge', async () => {
    const customers = new Customers(t.db);
    await storeAndApply(
      t.db,
      event(
        'customer.updated',
        { name: '张三', phone: '13800001111', birthday: '1990-02-28', timezone: 'Asia/Shanghai', region: '浙江', attributes: { gender: 'f' } },
        '2026-06-01T10:00:00+08:00',
        'c-up',
      ),
    );
    await storeAndApply(t.db, event('customer.updated', { phone: null, region: '上海', attributes: { level: 'gold' } }, '2026-06-02T10:00:00+08:00', 'c-up'));
    expect(await customers.profile('c-up')).toEqual({
      id: 'c-up',
      name: '张三',
      birthday: '1990-02-28',
      timezone: 'Asia/Shanghai',
      region: '上海',
      gender: 'f',
      level: 'gold',
    });
  });

  it('upserts imported customers and products, and looks products up for the facts', async () => {
    const customers = new Customers(t.db);
    const row = {
      id: 'c-imp',
      name: '王芳',
      phone: '13900002222',
      email: null,
      birthday: '05-20',
      timezone: null,
      region: '广东',
      attributes: { source: '天猫' },
      setAt: '2026-06-01T00:00:00.000Z',
    };
    const present = new Set(['name', 'phone', 'email', 'birthday', 'timezone', 'region'] as const);
    expect(await customers.upsertImported([row], present)).toEqual({ inserted: 1, updated: 0 });
    expect(await customers.upsertImported([row], present)).toEqual({ inserted: 0, updated: 0 });
    expect(await customers.profile('c-imp')).toEqual({ id: 'c-imp', name: '王芳', phone: '13900002222', birthday: '05-20', region: '广东', source: '天猫' });

    const products = new Products(t.db);
    const p = { id: 'p-1', name: '玻尿酸面膜', category: '护肤', tags: ['补水', '面膜'], attributes: { price: '89' } };
    const all = new Set(['name', 'category', 'tags'] as const);
    expect(await products.upsertImported([p, { ...p, id: 'p-2', category: '彩妆', tags: [] }], all)).toEqual({ inserted: 2, updated: 0 });
    expect(await products.upsertImported([{ ...p, tags: ['补水'] }], all)).toEqual({ inserted: 0, updated: 1 });
    expect(await products.byIds(['p-1', 'p-404'])).toEqual(new Map([['p-1', { id: 'p-1', category: '护肤', tags: ['补水'] }]]));
    expect([...(await products.all()).keys()]).toEqual(['p-1', 'p-2']);
  });
});
