// `npm run bench -- facts`: bulk customer facts on a seeded synthetic shop, on the embedded database
// and on PostgreSQL, against a plain GROUP BY over the same orders measured in the same run; then
// per-customer lookups. docs/bench.md explains the figures. Sizes and databases from the environment:
//   BENCH_CUSTOMERS (1,000,000)  BENCH_ORDERS (10,000,000)  BENCH_PRODUCTS (400)  BENCH_LOOKUPS (2,000)
//   BENCH_DATABASES (embedded,postgresql)  DATABASE_URL (a server to use instead of a throwaway one)
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import { projectRoot } from '../server/config';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import { baselineSeconds, lookupFigures, refreshFigures, refreshSettings, type RefreshFigures } from './facts/measure-facts';
import type { BenchResult } from './run';

/** The issue's targets on a 2-core machine; printed beside the figures, never asserted. */
const targets = { embedded: 60, postgresql: 15, p99Ms: 5 } as const;

function whole(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return n;
}

function databasesWanted(): DatabaseKind[] {
  const list = (process.env.BENCH_DATABASES ?? 'embedded,postgresql')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const kind of list) {
    if (kind !== 'embedded' && kind !== 'postgresql') throw new Error(`BENCH_DATABASES: "${kind}" is neither embedded nor postgresql`);
  }
  return list as DatabaseKind[];
}

const n = (x: number) => x.toLocaleString('en');
const s = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} s`;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const note = (line: string) => console.error(`[facts bench] ${line}`);

/** Which facts code was measured: the commit, and whether server/facts or engine/facts had local changes. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'server/facts', 'engine/facts');
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes in server/facts or engine/facts' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

async function benchOne(kind: DatabaseKind, shop: ShopOptions, lookups: number, figures: Record<string, string>): Promise<void> {
  const asOf = new Date(shop.end);
  const label = (what: string) => `${kind}: ${what}`;
  note(`${kind}: opening a fresh database`);
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    note(`${kind}: loading ${n(shop.customers)} customers and ${n(shop.orders)} orders into ${database.where}`);
    const loaded = await loadShop(database.db, shop, (line) => note(`${kind}: ${line}`));
    figures[label('shop')] = `${n(shop.customers)} customers, ${n(shop.orders)} orders, ${n(shop.products)} products`;
    figures[label('load (not the figure)')] =
      `${s(loaded.total)} (customers ${s(loaded.customers)}, orders ${s(loaded.orders)}, indexes ${s(loaded.indexes)}, vacuum analyze ${s(loaded.vacuum)})`;

    // Two baselines, each before and after the refresh (so drift in the machine's load shows and
    // averages out): at the server's defaults, and with the settings the refresh gives itself.
    // The ratio is against the faster of the two: the strictest floor.
    note(`${kind}: baseline GROUP BY (defaults, then the refresh's settings)`);
    const plain = [await baselineSeconds(database.db, asOf)];
    const tuned = [await baselineSeconds(database.db, asOf, refreshSettings)];
    note(`${kind}: refreshAll (load average ${load()})`);
    const refresh = await refreshFigures(database.db, asOf);
    note(`${kind}: baseline GROUP BY again`);
    tuned.push(await baselineSeconds(database.db, asOf, refreshSettings));
    plain.push(await baselineSeconds(database.db, asOf));
    const mean = (runs: { seconds: number }[]) => runs.reduce((sum, r) => sum + r.seconds, 0) / runs.length;
    const baseline = Math.min(mean(plain), mean(tuned));
    const target = targets[kind];
    const runs = (list: { seconds: number }[]) => `${s(mean(list))} (before ${s(list[0]!.seconds)}, after ${s(list[1]!.seconds)})`;
    figures[label('baseline (defaults)')] = `${runs(plain)}; ${n(plain[0]!.buyers)} buyers`;
    figures[label('baseline (tuned)')] = `${runs(tuned)}; ${Object.entries(refreshSettings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}, as the refresh sets`;
    figures[label('refreshAll')] =
      `${s(refresh.seconds)} (target ≤ ${target} s at 10M orders), ${refresh.mode}, for ${n(refresh.customers)} customers, ${n(refresh.changes)} changes (the first snapshot announces none)`;
    figures[label('refreshAll / baseline')] =
      `${(refresh.seconds / baseline).toFixed(1)}× (against the ${mean(plain) <= mean(tuned) ? 'defaults' : 'tuned'} baseline, the faster)`;
    figures[label('refresh steps')] = Object.entries(refresh.steps)
      .map(([step, t]) => `${step} ${s(t)}`)
      .join(', ');

    // The daily run: the next day over an existing snapshot, where few customers changed (here:
    // none were marked; those whose orders left the RFM window are recomputed). Then the same day
    // again with every customer recomputed, for comparison.
    const steps = (run: RefreshFigures) =>
      Object.entries(run.steps)
        .map(([step, t]) => `${step} ${s(t)}`)
        .join(', ');
    note(`${kind}: refreshAll the next day`);
    const nextDay = await refreshFigures(database.db, new Date(asOf.getTime() + 86_400_000));
    figures[label('refreshAll next day')] =
      `${s(nextDay.seconds)} (${(nextDay.seconds / baseline).toFixed(1)}× baseline; target ≤ ${target} s), ${nextDay.mode}: ${n(nextDay.recomputed ?? nextDay.customers)} customers recomputed, ${n(nextDay.changes)} changes, ${n(nextDay.events)} events stored`;
    figures[label('next-day steps')] = steps(nextDay);
    note(`${kind}: refreshAll the next day again, every customer (full)`);
    const fullDay = await refreshFigures(database.db, new Date(asOf.getTime() + 86_400_000), true);
    figures[label('next day, full')] = `${s(fullDay.seconds)} (${(fullDay.seconds / baseline).toFixed(1)}× baseline), ${n(fullDay.changes)} changes`;
    figures[label('next day, full: steps')] = steps(fullDay);

    // Two passes over different customers: the first right after three refreshes that rewrote a
    // million rows (caches full of them; on PostgreSQL, autovacuum and checkpoints at work), the
    // second as lookups go on.
    for (const [pass, draw] of [
      ['after the refreshes', 9],
      ['next', 10],
    ] as const) {
      note(`${kind}: ${n(lookups)} forCustomer lookups (${pass})`);
      const look = await lookupFigures(database.db, shop, asOf, lookups, draw);
      figures[label(`lookup p50 / p99 / max, ${pass}`)] =
        `${ms(look.p50)} / ${ms(look.p99)} (target ≤ ${targets.p99Ms} ms) / ${ms(look.max)}; ${n(look.count)} random customers, ${n(look.withOrders)} with counted orders`;
    }
    // PGlite's WebAssembly heap lives in this process (at most 2 GiB); the tables live in files.
    if (kind === 'embedded') figures[label('process peak memory')] = `${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB resident (max RSS so far)`;
  } finally {
    await database.close();
  }
}

export const factsBenches = {
  async facts(): Promise<BenchResult> {
    const shop: ShopOptions = {
      ...defaultShop,
      customers: whole('BENCH_CUSTOMERS', 1_000_000),
      orders: whole('BENCH_ORDERS', 10_000_000),
      products: whole('BENCH_PRODUCTS', 400),
    };
    const lookups = whole('BENCH_LOOKUPS', 2_000);
    const cpu = cpus();
    const figures: Record<string, string> = {
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} free), load average ${load()} at start`,
      code: codeVersion(),
    };
    for (const kind of databasesWanted()) {
      try {
        await benchOne(kind, shop, lookups, figures);
      } catch (error) {
        // A bench reports: a database that cannot take this size says why, and the other still runs.
        figures[`${kind}: failed`] = error instanceof Error ? error.message : String(error);
        note(`${kind}: failed: ${figures[`${kind}: failed`]}`);
      }
    }
    figures['load average at end'] = load();
    return { name: 'facts: bulk refreshAll vs a plain GROUP BY (baseline); per-customer lookups', figures };
  },
};
