import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { startStack, type Stack } from '../support/stack';

/** Data rows of a shipped CSV file (its rows have no line breaks inside quotes). */
const dataLines = (kind: string) =>
  readFileSync(join(projectRoot, 'examples', 'data', `${kind}.csv`), 'utf8')
    .trim()
    .split('\n').length - 1;

describe('POST /api/import/sample: the sample shop in one call', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  it('imports products, customers and orders as the CSV imports would, and refreshes the facts', async () => {
    const res = await stack.api('/api/import/sample', { method: 'POST' });
    expect(res.status).toBe(200);
    const imports = res.body.imports as { kind: string; rows: number; inserted: number; failed: number }[];
    expect(imports.map((i) => i.kind)).toEqual(['products', 'customers', 'orders']);
    for (const i of imports) expect(i).toMatchObject({ rows: dataLines(i.kind), inserted: dataLines(i.kind), failed: 0 });
    // Every customer with a profile or an order has facts now, so the list shows them at once.
    expect(res.body.facts.customers).toBe(dataLines('customers'));
    const page = await stack.api('/api/customers?limit=500');
    expect(page.body.customers).toHaveLength(dataLines('customers'));
    const withOrders = (page.body.customers as { facts: { orderCount: number } }[]).filter((c) => c.facts.orderCount > 0);
    expect(withOrders.length).toBeGreaterThan(100);
  });

  it('changes nothing the second time', async () => {
    const res = await stack.api('/api/import/sample', { method: 'POST' });
    for (const i of res.body.imports as { inserted: number; updated: number; unchanged: number; rows: number }[]) {
      expect(i).toMatchObject({ inserted: 0, updated: 0, unchanged: i.rows });
    }
  });

  it('is refused to an analyst', async () => {
    const analyst = (await stack.api('/api/tokens', { body: { name: 'reports', role: 'analyst' } })).body.token;
    const res = await stack.api('/api/import/sample', { method: 'POST', token: analyst });
    expect(res.status).toBe(403);
  });
});
