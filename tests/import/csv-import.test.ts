import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { customersImport } from '../../server/customers/import/customers';
import { importCsv, type ImportSummary } from '../../server/customers/import/csv-import';
import { ordersImport } from '../../server/customers/import/orders';
import { productsImport } from '../../server/customers/import/products';
import { Customers } from '../../server/customers/customers';
import { Orders } from '../../server/customers/orders';
import { Products } from '../../server/customers/products';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

const data = (name: string) => createReadStream(join(projectRoot, 'tests', 'data', name));
const text = (csv: string) => Readable.from([Buffer.from(csv)]);

describe.each(databaseKinds)('CSV import on %s', (kind) => {
  let t: TestDatabase;
  let orders: Orders;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    orders = new Orders(t.db);
  });
  afterAll(() => t?.close());

  it('reports each bad order row with its line and reason, and stores every good one', async () => {
    const result = (await importCsv(data('orders-malformed.csv'), ordersImport(orders))) as ImportSummary;
    expect(result).toEqual({
      kind: 'orders',
      rows: 12,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      failed: 8,
      errorsTruncated: false,
      errors: [
        { line: 3, column: 'created_at', reason: 'created_at "2026-03-02 10:00" is not an ISO 8601 date-time with an offset, e.g. 2026-11-11T20:00:00+08:00' },
        { line: 4, column: 'amount', reason: 'amount must not be negative (got -5)' },
        { line: 5, column: 'order_id', reason: 'order_id "T1001" repeats line 2; the first row was kept' },
        { line: 6, column: 'status', reason: 'status "teleported" is not one of created, paid, shipped, delivered, closed, refunded' },
        { line: 7, reason: 'the row has 6 fields; the header has 9' },
        { line: 8, column: 'customer_id', reason: 'customer_id is required' },
        { line: 10, column: 'amount', reason: 'amount "1,000" is not a number such as 128.50' },
        {
          line: 13,
          column: 'created_at',
          reason: 'created_at "2026-02-30T10:00:00+08:00" is not an ISO 8601 date-time with an offset, e.g. 2026-11-11T20:00:00+08:00',
        },
        { line: 13, column: 'discount', reason: 'discount "abc" is not a number such as 128.50' },
      ],
    });
    const stored = await t.db.selectFrom('orders').selectAll().orderBy('id').execute();
    expect(stored.map((o) => o.id)).toEqual(['T1001', 'T1007', 'T1009', 'T1011']);
    const [t1001, t1007, t1009, t1011] = stored;
    expect(t1001).toMatchObject({
      customer_id: 'C001',
      status: 'paid',
      amount: '128.50',
      discount: '10.00',
      product_ids: ['P01', 'P02'],
      attributes: { channel: '天猫' },
    });
    expect(t1001!.created_at.toISOString()).toBe('2026-03-01T02:00:00.000Z');
    expect(t1001!.paid_at!.toISOString()).toBe('2026-03-01T02:05:00.000Z');
    // Quoted fields keep their commas and line breaks.
    expect(t1007).toMatchObject({ status: 'refunded', amount: '0.00', paid_at: null, product_ids: [], attributes: { channel: '抖音, 直播间' } });
    expect(t1009).toMatchObject({ status: 'shipped', discount: '5.00', attributes: { channel: '京东\n自营' } });
    expect(t1011).toMatchObject({ status: 'delivered', amount: '1000.00', product_ids: ['P05', 'P06'], attributes: { channel: '小程序' } });
  });

  it('changes nothing when the same file is imported again, and updates only a changed row', async () => {
    const again = (await importCsv(data('orders-malformed.csv'), ordersImport(orders))) as ImportSummary;
    expect(again).toMatchObject({ rows: 12, inserted: 0, updated: 0, unchanged: 4, failed: 8 });
    const header = 'order_id,customer_id,status,created_at,paid_at,amount,discount,product_ids,channel\n';
    const changed = `${header}T1001,C001,refunded,2026-03-01T10:00:00+08:00,2026-03-01T10:05:00+08:00,128.50,10,P01;P02,天猫\nT1011,C011,delivered,2026-03-11T02:00:00Z,2026-03-11T02:02:00Z,1000,0,P05;P06,小程序\n`;
    expect(await importCsv(text(changed), ordersImport(orders))).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1, failed: 0, errors: [] });
    expect((await orders.get('T1001'))?.status).toBe('refunded');
  });

  it('refuses a header without a required column and stores nothing', async () => {
    const csv = 'order_id,customer_id,created_at,amount\nT9001,C1,2026-03-01T10:00:00+08:00,10\n';
    expect(await importCsv(text(csv), ordersImport(orders))).toEqual({
      error: 'invalid_csv',
      message: 'the header (line 1) lacks the required column status; a file of orders needs order_id, customer_id, status, created_at, amount',
      missingColumns: ['status'],
    });
    expect(await orders.get('T9001')).toBeUndefined();
    expect(await importCsv(text(''), ordersImport(orders))).toMatchObject({
      error: 'invalid_csv',
      missingColumns: ['order_id', 'customer_id', 'status', 'created_at', 'amount'],
    });
  });

  it('stops at a quote that is never closed, keeping the rows before it', async () => {
    const csv =
      'order_id,customer_id,status,created_at,amount\nQ1,C1,paid,2026-03-01T10:00:00+08:00,10\nQ2,"C2,paid,2026-03-01T10:00:00+08:00,10\nQ3,C3,paid,2026-03-01T10:00:00+08:00,10\n';
    expect(await importCsv(text(csv), ordersImport(orders))).toMatchObject({
      rows: 2,
      inserted: 1,
      failed: 1,
      errors: [{ line: 3, reason: 'a quoted field starting here is never closed; reading stopped here, the rest of the file was not imported' }],
    });
  });

  it('imports customers: profile columns checked, extra columns kept as attributes', async () => {
    const customers = new Customers(t.db);
    const result = await importCsv(data('customers.csv'), customersImport(customers));
    expect(result).toEqual({
      kind: 'customers',
      rows: 4,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      failed: 2,
      errorsTruncated: false,
      errors: [
        { line: 4, column: 'phone', reason: 'phone "138abc" is not a phone number (digits, spaces, +, - and parentheses)' },
        { line: 4, column: 'email', reason: 'email "not-an-email" is not an email address such as name@example.com' },
        { line: 4, column: 'birthday', reason: 'birthday "1990-13-01" is not a date as YYYY-MM-DD (or MM-DD)' },
        { line: 4, column: 'timezone', reason: 'timezone "Mars/Olympus" is not an IANA time zone such as Asia/Shanghai' },
        { line: 5, column: 'customer_id', reason: 'customer_id "C001" repeats line 2; the first row was kept' },
      ],
    });
    expect(await customers.profile('C001')).toEqual({
      id: 'C001',
      name: '王芳, 小芳',
      phone: '13800001234',
      email: 'wang@example.com',
      birthday: '1990-05-20',
      timezone: 'Asia/Shanghai',
      region: '浙江',
      gender: '女',
      会员卡号: 'VIP-0001',
    });
    expect(await customers.profile('C002')).toEqual({
      id: 'C002',
      name: '李雷',
      phone: '+86 139 0000 0000',
      birthday: '02-29',
      timezone: 'Asia/Hong_Kong',
      region: '香港',
      gender: '男',
    });
    expect(await importCsv(data('customers.csv'), customersImport(customers))).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('imports products with their tags', async () => {
    const products = new Products(t.db);
    expect(await importCsv(data('products.csv'), productsImport(products))).toMatchObject({
      rows: 3,
      inserted: 2,
      failed: 1,
      errors: [{ line: 4, column: 'product_id', reason: 'product_id is required' }],
    });
    expect(await products.get('P01')).toMatchObject({ name: '控油洁面乳 "清爽型"', category: '护肤', tags: ['油性肤质', '洁面'], attributes: { price: '89' } });
    expect(await products.byIds(['P01', 'P02'])).toEqual(
      new Map([
        ['P01', { id: 'P01', category: '护肤', tags: ['油性肤质', '洁面'] }],
        ['P02', { id: 'P02', category: '彩妆', tags: ['口红'] }],
      ]),
    );
  });

  it('lists the first 1000 errors and says when there were more', async () => {
    const header = 'order_id,customer_id,status,created_at,amount\n';
    const bad = Array.from({ length: 1005 }, (_, i) => `X${i},C1,lost,2026-04-01T10:00:00+08:00,1\n`).join('');
    const result = (await importCsv(text(header + bad), ordersImport(orders))) as ImportSummary;
    expect(result).toMatchObject({ rows: 1005, inserted: 0, failed: 1005, errorsTruncated: true });
    expect(result.errors).toHaveLength(1000);
    expect(result.errors[999]).toEqual({
      line: 1001,
      column: 'status',
      reason: 'status "lost" is not one of created, paid, shipped, delivered, closed, refunded',
    });
  });

  it('stores in batches: more rows than one batch, each counted once', async () => {
    const header = 'order_id,customer_id,status,created_at,amount\n';
    const rows = Array.from({ length: 25 }, (_, i) => `B${i},C${i % 3},paid,2026-04-01T10:00:00+08:00,${i}.5\n`);
    const spec = ordersImport(orders);
    expect(await importCsv(text(header + rows.join('')), spec, 10)).toMatchObject({ rows: 25, inserted: 25, updated: 0, unchanged: 0, failed: 0 });
    expect(await importCsv(text(header + rows.join('')), spec, 10)).toMatchObject({ rows: 25, inserted: 0, updated: 0, unchanged: 25 });
    expect(
      (await orders.forCustomer('C1'))
        .filter((o) => o.id.startsWith('B'))
        .map((o) => o.amount)
        .sort((a, b) => a - b),
    ).toEqual([1.5, 4.5, 7.5, 10.5, 13.5, 16.5, 19.5, 22.5]);
  });
});
