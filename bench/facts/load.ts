import { sql } from 'kysely';
import type { Db } from '../../server/db/database';
import type { ShopOptions } from '../../scripts/sample-shop/generate';
import { buyersStatements, customersStatement, ordersStatement, productStatements } from './shop-sql';

export interface LoadTimes {
  /** Seconds per phase; the total is the wall time of the load. */
  products: number;
  customers: number;
  orders: number;
  indexes: number;
  vacuum: number;
  total: number;
}

const run = (db: Db, statement: string) => sql.raw(statement).execute(db);
const seconds = (since: number) => (performance.now() - since) / 1000;

/** About this many orders per INSERT: big enough to be set-based, small enough to show progress. */
const ORDERS_PER_CHUNK = 1_000_000;
const CUSTOMERS_PER_CHUNK = 250_000;

/**
 * Fills a freshly migrated database with the synthetic shop. The orders' secondary indexes are
 * dropped during the load and rebuilt from their own definitions afterwards (the usual bulk-load
 * practice; the schema ends as the migrations made it). VACUUM ANALYZE at the end gives the
 * planner statistics and sets the visibility hints, so neither measured query pays for the load.
 */
export async function loadShop(pool: Db, o: ShopOptions, progress: (line: string) => void): Promise<LoadTimes> {
  return pool.connection().execute(async (db) => {
    // PostgreSQL would JIT-compile these expression-heavy statements for seconds each (their row
    // estimates are large); the load is not measured against anything, so one session without JIT.
    await run(db, 'set jit = off');
    return load(db, o, progress);
  });
}

async function load(db: Db, o: ShopOptions, progress: (line: string) => void): Promise<LoadTimes> {
  const started = performance.now();
  const times: LoadTimes = { products: 0, customers: 0, orders: 0, indexes: 0, vacuum: 0, total: 0 };

  let t = performance.now();
  for (const statement of productStatements(o)) await run(db, statement);
  times.products = seconds(t);

  t = performance.now();
  for (let from = 0; from < o.customers; from += CUSTOMERS_PER_CHUNK) {
    await run(db, customersStatement(o, from, Math.min(o.customers, from + CUSTOMERS_PER_CHUNK)));
    progress(`customers ${Math.min(o.customers, from + CUSTOMERS_PER_CHUNK).toLocaleString('en')} / ${o.customers.toLocaleString('en')}`);
  }
  times.customers = seconds(t);

  t = performance.now();
  const { rows: indexes } = await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
    where schemaname = current_schema() and tablename = 'orders' and indexname <> 'orders_pkey'`.execute(db);
  for (const index of indexes) await run(db, `drop index ${index.name}`);
  for (const statement of buyersStatements(o)) await run(db, statement);
  const chunks = Math.max(1, Math.ceil(o.orders / ORDERS_PER_CHUNK));
  const buyersPerChunk = Math.ceil(o.customers / chunks);
  for (let from = 0; from < o.customers; from += buyersPerChunk) {
    await run(db, ordersStatement(o, from, from + buyersPerChunk));
    const { rows } = await sql<{ n: number }>`select coalesce(sum(n), 0)::float8 as n from bench_buyers where i < ${from + buyersPerChunk}`.execute(db);
    progress(`orders ${Number(rows[0]!.n).toLocaleString('en')} / ${o.orders.toLocaleString('en')} (${seconds(t).toFixed(0)} s)`);
  }
  await run(db, 'drop table bench_buyers');
  times.orders = seconds(t);

  t = performance.now();
  for (const index of indexes) await run(db, index.definition);
  times.indexes = seconds(t);
  progress(`indexes rebuilt (${times.indexes.toFixed(0)} s)`);

  t = performance.now();
  await run(db, 'vacuum analyze');
  times.vacuum = seconds(t);
  times.total = seconds(started);
  return times;
}
