import { sql } from 'kysely';
import type { Db } from '../../server/db/database';
import { FactsService } from '../../server/facts/facts-service';
import { SettingsStore } from '../../server/facts/settings-store';
import { customerId, type ShopOptions } from '../../scripts/sample-shop/generate';
import { random } from '../../scripts/sample-shop/random';

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Session settings for a baseline run; absent ones stay at the server's defaults. */
export interface BaselineSettings {
  workMem?: string;
  jit?: 'on' | 'off';
}

/**
 * The settings bulkRefresh gives its own transaction (server/facts/bulk-refresh.ts, `set local`):
 * the baseline runs with them too, so the ratio compares the work and not the memory it was given.
 * Keep in step with that file.
 */
export const refreshSettings: BaselineSettings = { workMem: '256MB', jit: 'off' };

/**
 * The floor for any bulk fact computation: one plain GROUP BY over the same orders (count, sum,
 * min and max of the counted ones up to asOf) into a temporary table, as CREATE TABLE AS (which
 * PostgreSQL may run with parallel workers). Seconds.
 */
export async function baselineSeconds(db: Db, asOf: Date, settings: BaselineSettings = {}): Promise<{ seconds: number; buyers: number }> {
  return db.transaction().execute(async (trx) => {
    if (settings.workMem) await sql`select set_config('work_mem', ${settings.workMem}, true)`.execute(trx);
    if (settings.jit) await sql`select set_config('jit', ${settings.jit}, true)`.execute(trx);
    const started = performance.now();
    await sql`create temporary table bench_baseline on commit drop as
      select customer_id, count(*) as orders, sum(amount) as spend, min(created_at) as first_at, max(created_at) as last_at
      from orders where status in ('paid', 'shipped', 'delivered') and created_at <= ${asOf}::timestamptz
      group by customer_id`.execute(trx);
    const took = seconds(started);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from bench_baseline`.execute(trx);
    return { seconds: took, buyers: rows[0]!.n };
  });
}

export interface RefreshFigures {
  seconds: number;
  customers: number;
  changes: number;
  /** Change events the refresh stored (in its own transaction). */
  events: number;
  /** Full, or the changed customers only (how many it recomputed). */
  mode: string;
  recomputed?: number;
  /** Seconds per step of the bulk SQL, as the facts service reports them. */
  steps: Record<string, number>;
}

/**
 * FactsService.refreshAll as the daily schedule runs it (the changed customers when it can, every
 * customer the first time); `full` forces every customer, for comparison.
 */
export async function refreshFigures(db: Db, asOf: Date, full = false): Promise<RefreshFigures> {
  const facts = new FactsService(db, new SettingsStore(db));
  const started = performance.now();
  const summary = await facts.refreshAllSummary(asOf, { full });
  const took = seconds(started);
  const steps = Object.fromEntries(Object.entries(summary.timings).map(([k, ms]) => [k, ms / 1000]));
  return {
    seconds: took,
    customers: summary.customers,
    changes: summary.changes.length,
    events: summary.eventsStored,
    mode: summary.mode,
    ...(summary.recomputed !== undefined ? { recomputed: summary.recomputed } : {}),
    steps,
  };
}

export interface LookupFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** How many of the looked-up customers had orders (the rest are members who never bought). */
  withOrders: number;
}

/**
 * `forCustomer(id, asOf)` one after another for `count` customers drawn at random (seeded by
 * `draw`, so each pass looks up other customers), after a short warm-up; milliseconds per lookup.
 */
export async function lookupFigures(db: Db, o: ShopOptions, asOf: Date, count: number, draw = 9): Promise<LookupFigures> {
  const facts = new FactsService(db, new SettingsStore(db));
  const r = random(o.seed, draw);
  const ids = Array.from({ length: count + 50 }, () => customerId(Math.floor(r() * o.customers), o));
  for (const id of ids.slice(0, 50)) await facts.forCustomer(id, asOf);
  const times: number[] = [];
  let withOrders = 0;
  for (const id of ids.slice(50)) {
    const started = performance.now();
    const found = await facts.forCustomer(id, asOf);
    times.push(performance.now() - started);
    if (!found) throw new Error(`customer ${id} has no facts`);
    if (found.facts.orderCount > 0) withOrders++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { count, p50: at(0.5), p99: at(0.99), max: times[times.length - 1]!, withOrders };
}
