import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

const file = (...path: string[]) => readFileSync(join(projectRoot, ...path));
/** Lines of a CSV file that hold data (its rows have no line breaks inside quotes). */
const dataLines = (...path: string[]) =>
  file(...path)
    .toString('utf8')
    .trim()
    .split('\n').length - 1;

function runCli(stack: Stack, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'huitou.mjs'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, HUITOU_URL: stack.baseUrl, HUITOU_API_TOKEN: stack.token },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('import API and order events over HTTP', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const upload = async (kind: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.baseUrl}/api/import/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/csv', ...headers },
      body: typeof body === 'string' ? body : body.toString('utf8'),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('imports a malformed orders file through the API: line-numbered errors, good rows stored', async () => {
    const res = await upload('orders', file('tests', 'data', 'orders-malformed.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'orders', rows: 12, inserted: 4, updated: 0, unchanged: 0, failed: 8, errorsTruncated: false });
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 10, 13, 13]);
    const ids = await stack.huitou.context.db.selectFrom('orders').select('id').where('id', 'in', ['T1001', 'T1007', 'T1009', 'T1011', 'T1003']).execute();
    expect(ids.map((r) => r.id).sort()).toEqual(['T1001', 'T1007', 'T1009', 'T1011']);
  });

  it('answers 400 for a header without required columns, storing nothing; 401 without the token; 415 for JSON', async () => {
    const res = await upload('customers', 'name,phone\n王芳,13800001234\n');
    expect(res).toEqual({ status: 400, body: { error: 'invalid_csv', message: expect.stringContaining('customer_id'), missingColumns: ['customer_id'] } });
    expect(await stack.huitou.context.db.selectFrom('customers').select('id').where('name', '=', '王芳').execute()).toEqual([]);

    const anonymous = await fetch(`${stack.baseUrl}/api/import/orders`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'order_id\n' });
    expect(anonymous.status).toBe(401);
    const json = await stack.api('/api/import/orders', { body: { order_id: 'x' } });
    expect(json.status).toBe(415);
  });

  it('keeps orders current from events: status never moves back, refunded is final', async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const send = async (type: string, data: Record<string, unknown> = {}) => {
      const res = await stack.api('/api/events', { body: orderEvent(type, customer, order, data) });
      expect(res.status).toBe(202);
    };
    const status = async () => (await stack.huitou.context.orders.get(order))?.status;
    await send('order.created', { amount: 199, productIds: ['P01'] });
    expect(await status()).toBe('created');
    await send('order.shipped');
    await send('order.paid');
    expect(await status()).toBe('shipped');
    await send('order.refunded');
    await send('order.delivered');
    expect(await status()).toBe('refunded');
    expect(await stack.huitou.context.orders.forCustomer(customer)).toEqual([
      { id: order, status: 'refunded', amount: 199, discount: 0, createdAt: expect.any(String), productIds: ['P01'] },
    ]);
  });

  it('refuses an event with bad order data by index and path, storing neither it nor its order', async () => {
    const customer = uniqueId('c');
    const good = orderEvent('order.created', customer, uniqueId('o'), { amount: 10 });
    const noAmount = orderEvent('order.created', customer, 'o-bad-1');
    const badItems = orderEvent('order.paid', customer, 'o-bad-2', { amount: 5, discount: -1, productIds: ['P1', 7] });
    const badProfile = { ...orderEvent('customer.updated', customer, ''), data: { birthday: '1990-02-30', timezone: 'Moon/Base' } };
    const res = await stack.api('/api/events', { body: [good, noAmount, badItems, badProfile] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual([{ index: 0, id: good.id, duplicate: false }]);
    expect(res.body.rejected.map((r: { index: number; problems: { path: string }[] }) => [r.index, r.problems.map((p) => p.path)])).toEqual([
      [1, ['data.amount']],
      [2, ['data.discount', 'data.productIds[1]']],
      [3, ['data.timezone', 'data.birthday']],
    ]);
    const stored = await stack.huitou.context.db.selectFrom('events').select('id').where('customer_id', '=', customer).execute();
    expect(stored).toEqual([{ id: good.id }]);
    expect(await stack.huitou.context.orders.get('o-bad-2')).toBeUndefined();
  });

  it('imports the sample history with the CLI: products, customers, then orders', async () => {
    for (const kind of ['products', 'customers', 'orders']) {
      const run = await runCli(stack, ['import', kind, join('examples', 'data', `${kind}.csv`)]);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(
        new RegExp(`^Imported ${kind} from examples/data/${kind}\\.csv in [\\d.]+ s: ${dataLines('examples', 'data', `${kind}.csv`)} rows — `),
      );
      expect(run.code).toBe(0);
    }
    const db = stack.huitou.context.db;
    const count = async (table: 'orders' | 'customers' | 'products', prefix: string) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('id', 'like', `${prefix}%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('products', 'P0')).toBe(dataLines('examples', 'data', 'products.csv'));
    expect(await count('customers', 'C0')).toBe(dataLines('examples', 'data', 'customers.csv'));
    expect(await count('orders', 'TB')).toBe(dataLines('examples', 'data', 'orders.csv'));

    // Importing the same file again changes nothing.
    const again = await runCli(stack, ['import', 'orders', 'examples/data/orders.csv']);
    expect(again.stdout).toContain(
      `${dataLines('examples', 'data', 'orders.csv')} rows — 0 new, 0 updated, ${dataLines('examples', 'data', 'orders.csv')} unchanged, 0 refused`,
    );
  });

  it('exits non-zero from the CLI when rows are refused, and lists them by line', async () => {
    const run = await runCli(stack, ['import', 'orders', 'tests/data/orders-malformed.csv']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('line 4 (amount): amount must not be negative (got -5)');
    expect(run.stdout).toContain('line 7: the row has 6 fields; the header has 9');
    const missing = await runCli(stack, ['import', 'products', 'tests/data/orders-malformed.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing columns: product_id');
  });
});
