// `npm run bench -- crm`: the customers list and its count (GET /api/customers, /api/customers/count)
// on the synthetic shop of the facts bench, on each database, against `select count(*) from
// customers` measured in the same run. docs/bench.md explains the figures. From the environment:
//   BENCH_CUSTOMERS (1,000,000)  BENCH_ORDERS (10 per customer)  BENCH_PRODUCTS (400)  BENCH_RUNS (30)
//   BENCH_DATABASES (embedded,postgresql)  DATABASE_URL (a server to use instead of a throwaway one)
import { sql } from 'kysely';
import { customerFilterSchema, customerListQuerySchema } from '../contract/index';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import type { Db } from '../server/db/database';
import { countCustomers } from '../server/facts/customer-count';
import { listCustomers } from '../server/facts/customer-list';
import { FactsService } from '../server/facts/facts-service';
import { SettingsStore } from '../server/facts/settings-store';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import { databasesWanted, loadAverage, machineFigure, perDatabase, wholeFromEnv as whole } from './machine';
import type { BenchResult } from './run';

const note = (line: string) => console.error(`[crm bench] ${line}`);
const n = (x: number) => x.toLocaleString('en');
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

/** The filters measured: none, common ones (a large share matches), rare ones (a fraction of a percent). */
const filters: Record<string, Record<string, string>> = {
  'no filter': {},
  'common: stage=lost': { stage: 'lost' },
  'common: hasPhone, spend ≥ 100': { hasPhone: 'true', spendMin: '100' },
  'common: last purchase within 90 days': { lastWithinDays: '90' },
  'rare: tag (1 in 1,000)': { tag: '大客户经理' },
  'rare: region 海南, ≥ 10 orders': { region: '海南', ordersMin: '10' },
  'rare: spend ≥ 20,000': { spendMin: '20000' },
  'rare: stage=active, tier=supreme, no email': { stage: 'active', tier: 'supreme', hasEmail: 'false' },
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

async function timed(runs: number, f: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await f(); // one to warm the plan and the caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function benchOne(kind: DatabaseKind, shop: ShopOptions, runs: number, figures: Record<string, string>): Promise<void> {
  const label = (what: string) => `${kind}: ${what}`;
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  const db: Db = database.db;
  try {
    note(`${kind}: loading ${n(shop.customers)} customers and ${n(shop.orders)} orders into ${database.where}`);
    const loaded = await loadShop(db, shop, (line) => note(`${kind}: ${line}`));
    // A manual tag on one customer in a thousand: a rare tag filter.
    await sql`insert into customer_tags (customer_id, tag, source) select id, '大客户经理', 'manual' from customers where id like '%000'`.execute(db);
    note(`${kind}: facts refresh`);
    const t = performance.now();
    await new FactsService(db, new SettingsStore(db)).refreshAll(new Date(shop.end));
    await sql`analyze`.execute(db);
    figures[label('shop')] =
      `${n(shop.customers)} customers, ${n(shop.orders)} orders; load ${loaded.total.toFixed(0)} s, refresh ${((performance.now() - t) / 1000).toFixed(1)} s (not figures)`;

    note(`${kind}: baseline (load average ${loadAverage()})`);
    const baseline = await timed(runs, () => sql`select count(*) from customers`.execute(db));
    figures[label('baseline count(*) customers')] = `p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}`;

    const deepCursor = (
      await sql<{
        id: string;
      }>`select customer_id as id from customer_fact_rows order by customer_id offset ${Math.floor(shop.customers * 0.9)} limit 1`.execute(db)
    ).rows[0]?.id;
    for (const [name, filter] of Object.entries(filters)) {
      note(`${kind}: ${name}`);
      const page = customerListQuerySchema.parse({ ...filter, limit: 50 });
      const first = await listCustomers(db, page);
      const list = await timed(runs, () => listCustomers(db, page));
      const cursor = first.nextCursor ?? undefined;
      const next = cursor ? await timed(runs, () => listCustomers(db, { ...page, cursor })) : null;
      const deep = deepCursor ? await timed(runs, () => listCustomers(db, { ...page, cursor: deepCursor })) : null;
      const count = await timed(Math.max(3, Math.floor(runs / 5)), () => countCustomers(db, customerFilterSchema.parse(filter)));
      const matches = (await countCustomers(db, customerFilterSchema.parse(filter))).count;
      figures[label(name)] =
        `${n(matches)} match; page 1 p50 ${ms(list.p50)} p95 ${ms(list.p95)}` +
        (next ? `; page 2 p95 ${ms(next.p95)}` : '') +
        (deep ? `; past 90 % (cursor) p50 ${ms(deep.p50)} p95 ${ms(deep.p95)}` : '') +
        `; count p50 ${ms(count.p50)} p95 ${ms(count.p95)} (${(count.p50 / baseline.p50).toFixed(1)}× baseline)`;
    }
  } finally {
    await database.close();
  }
}

export const crmBenches = {
  async crm(): Promise<BenchResult> {
    const customers = whole('BENCH_CUSTOMERS', 1_000_000);
    const shop: ShopOptions = { ...defaultShop, customers, orders: whole('BENCH_ORDERS', customers * 10), products: whole('BENCH_PRODUCTS', 400) };
    const runs = whole('BENCH_RUNS', 30);
    const figures: Record<string, string> = {
      machine: machineFigure(),
      measured: `listCustomers / countCustomers called directly (no HTTP), ${runs} runs each after one warm-up; a page is 50 customers`,
    };
    await perDatabase(databasesWanted('embedded,postgresql'), figures, (kind) => benchOne(kind, shop, runs, figures));
    figures['load average at end'] = loadAverage();
    return { name: 'crm: the customers list and count vs count(*) over customers (baseline)', figures };
  },
};
