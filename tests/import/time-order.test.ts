import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersImport } from '../../server/customers/import/customers';
import { importCsv } from '../../server/customers/import/csv-import';
import { ordersImport } from '../../server/customers/import/orders';
import { Customers } from '../../server/customers/customers';
import { storeAndApply } from '../../server/events/event-effects';
import { Orders } from '../../server/customers/orders';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';

// Imports and events share one rule: a row counts as of its own `updated_at` (customers), else as
// of the import, and a field set from a later moment keeps its value. Dates far ahead are refused.

const text = (csv: string) => Readable.from([Buffer.from(csv)]);
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe.each(databaseKinds)('import rows and time on %s', (kind) => {
  let t: TestDatabase;
  let customers: Customers;
  let orders: Orders;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    customers = new Customers(t.db);
    orders = new Orders(t.db);
  });
  afterAll(() => t?.close());

  it('refuses orders dated more than a day ahead, by line and column, and stores the others', async () => {
    const soon = hoursFromNow(2);
    const csv = [
      'order_id,customer_id,status,created_at,paid_at,amount',
      'F1,C1,paid,2026-03-01T10:00:00+08:00,2026-03-01T10:05:00+08:00,10',
      'F2,C1,paid,2099-01-01T10:00:00+08:00,,10',
      `F3,C1,paid,${soon},${soon},10`,
      `F4,C1,paid,2026-03-01T10:00:00+08:00,${hoursFromNow(30)},10`,
    ].join('\n');
    const result = await importCsv(text(csv), ordersImport(orders));
    expect(result).toMatchObject({ rows: 4, inserted: 2, failed: 2 });
    expect('errors' in result && result.errors).toEqual([
      {
        line: 3,
        column: 'created_at',
        reason: expect.stringMatching(/^created_at 2099-01-01T10:00:00\+08:00 is more than a day after the import began \(.+\); dates must have happened$/),
      },
      { line: 5, column: 'paid_at', reason: expect.stringContaining('is more than a day after the import began') },
    ]);
    expect(await orders.get('F2')).toBeUndefined();
    expect(await orders.get('F4')).toBeUndefined();
    expect(await orders.get('F3')).toMatchObject({ status: 'paid' });
  });

  it('an imported order counts as of the import: older events keep off its amount, a later one does not', async () => {
    const csv = [
      'order_id,customer_id,status,created_at,amount,discount',
      'TO1,C1,paid,2026-03-01T10:00:00+08:00,100,5',
      'TO2,C1,paid,2026-03-01T10:00:00+08:00,100,5',
    ].join('\n');
    expect(await importCsv(text(csv), ordersImport(orders))).toMatchObject({ inserted: 2 });
    // Dated before the import: the file's amount stands; the step time is still recorded.
    await storeAndApply(t.db, {
      id: 'to-1',
      type: 'order.shipped',
      customerId: 'C1',
      occurredAt: '2026-03-02T10:00:00+08:00',
      data: { orderId: 'TO1', amount: 1, discount: 0 },
    });
    expect(await orders.get('TO1')).toMatchObject({ status: 'shipped', amount: '100.00', discount: '5.00' });
    // Dated after the import (an hour ahead is allowed): its amount replaces the file's, and the
    // same file imported again leaves it.
    await storeAndApply(t.db, { id: 'to-2', type: 'order.refunded', customerId: 'C1', occurredAt: hoursFromNow(1), data: { orderId: 'TO2', amount: 0 } });
    expect(await importCsv(text(csv), ordersImport(orders))).toMatchObject({ inserted: 0 });
    expect(await orders.get('TO2')).toMatchObject({ amount: '0.00', discount: '5.00' });
  });

  it('refuses a customer row whose updated_at is more than a day ahead', async () => {
    const csv = ['customer_id,name,updated_at', 'CF1,王芳,2026-01-01T00:00:00Z', 'CF2,李雷,2099-01-01T00:00:00Z', 'CF3,韩梅梅,not a date'].join('\n');
    const result = await importCsv(text(csv), customersImport(customers));
    expect(result).toMatchObject({ rows: 3, inserted: 1, failed: 2 });
    expect('errors' in result && result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'updated_at'],
      [4, 'updated_at'],
    ]);
    // updated_at is when the row was true, not an attribute.
    expect(await customers.profile('CF1')).toEqual({ id: 'CF1', name: '王芳' });
  });

  it('a row counts as of its updated_at: fields an event set later keep the event value', async () => {
    await storeAndApply(t.db, {
      id: 'ti-1',
      type: 'customer.updated',
      customerId: 'CU1',
      occurredAt: '2026-06-10T00:00:00Z',
      data: { phone: '13800000010', attributes: { level: 'gold' } },
    });
    const csv = ['customer_id,name,phone,level,updated_at', 'CU1,王芳,13800000001,silver,2026-06-01T00:00:00Z'].join('\n');
    expect(await importCsv(text(csv), customersImport(customers))).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await customers.profile('CU1')).toEqual({ id: 'CU1', name: '王芳', phone: '13800000010', level: 'gold' });
    // The same file again changes nothing.
    expect(await importCsv(text(csv), customersImport(customers))).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    // A row as of a later moment replaces them.
    const later = ['customer_id,phone,level,updated_at', 'CU1,13800000011,silver,2026-06-11T00:00:00Z'].join('\n');
    expect(await importCsv(text(later), customersImport(customers))).toMatchObject({ updated: 1 });
    expect(await customers.profile('CU1')).toEqual({ id: 'CU1', name: '王芳', phone: '13800000011', level: 'silver' });
  });

  it('a row without updated_at counts as of the import: older events arriving afterwards do not undo it', async () => {
    await storeAndApply(t.db, { id: 'ti-2', type: 'customer.updated', customerId: 'CU2', occurredAt: '2026-06-10T00:00:00Z', data: { region: '浙江' } });
    const csv = ['customer_id,region', 'CU2,上海'].join('\n');
    expect(await importCsv(text(csv), customersImport(customers))).toMatchObject({ updated: 1 });
    expect(await customers.profile('CU2')).toEqual({ id: 'CU2', region: '上海' });
    await storeAndApply(t.db, {
      id: 'ti-3',
      type: 'customer.updated',
      customerId: 'CU2',
      occurredAt: '2026-06-11T00:00:00Z',
      data: { region: '北京', name: '李雷' },
    });
    expect(await customers.profile('CU2')).toEqual({ id: 'CU2', region: '上海', name: '李雷' });
    expect(await importCsv(text(csv), customersImport(customers))).toMatchObject({ updated: 0, unchanged: 1 });
  });
});
