// `npm run bench -- settings-preview`: POST /api/settings/preview's computation (server/facts/
// settings-preview.ts: a full facts refresh with the proposed settings, rolled back, then the
// grouped differences) against a full facts refresh with the stored settings, measured in the same
// run before and after it. Sizes and databases from the environment:
//   BENCH_CUSTOMERS (100,000)  BENCH_ORDERS (1,000,000)  BENCH_PRODUCTS (400)  BENCH_DATABASES (embedded,postgresql)
import { cpus, loadavg } from 'node:os';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import { FactsService } from '../server/facts/facts-service';
import { previewFacts } from '../server/facts/settings-preview';
import { SettingsStore } from '../server/facts/settings-store';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import type { BenchResult } from './run';

const whole = (name: string, fallback: number) => Number((process.env[name] ?? String(fallback)).replace(/[_,]/g, ''));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const s = (x: number) => `${x.toFixed(2)} s`;
const note = (line: string) => console.error(`[settings-preview bench] ${line}`);

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function benchOne(kind: DatabaseKind, shop: ShopOptions, figures: Record<string, string>): Promise<void> {
  const label = (what: string) => `${kind}: ${what}`;
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    note(`${kind}: loading ${shop.customers} customers, ${shop.orders} orders`);
    await loadShop(database.db, shop, (line) => note(`${kind}: ${line}`));
    const settings = new SettingsStore(database.db);
    const facts = new FactsService(database.db, settings);
    const asOf = new Date(shop.end);
    note(`${kind}: first refresh (not a figure)`);
    await facts.refreshAllSummary(asOf);
    const stored = await settings.shop();
    // Thresholds that move many customers: senior tier at half the spend, stages a third longer.
    const proposed = {
      ...stored,
      tiers: stored.tiers.map((t) => (t.id === 'senior' ? { ...t, minSpend: t.minSpend / 2 } : t)),
      lifecycle: { ...stored.lifecycle, activeDays: 60, silentDays: 120, sleepingDays: 180 },
    };
    const snapshotAsOf = (await settings.population())!.asOf;
    note(`${kind}: full refresh (baseline), preview, full refresh again (load ${load()})`);
    const before = await timed(() => facts.refreshAllSummary(asOf, { full: true }));
    const preview = await timed(() => previewFacts(facts, proposed, asOf, snapshotAsOf));
    const after = await timed(() => facts.refreshAllSummary(asOf, { full: true }));
    // And the refresh the preview predicts: the proposed settings stored, then applied.
    await settings.putShop(proposed);
    const applied = await timed(() => facts.refreshAllSummary(asOf, { full: true }));
    const baseline = (before.seconds + after.seconds) / 2;
    const moved = (moves: { customers: number }[]) => moves.reduce((sum, m) => sum + m.customers, 0);
    figures[label('shop')] = `${shop.customers.toLocaleString('en')} customers, ${shop.orders.toLocaleString('en')} orders`;
    figures[label('full refresh (baseline)')] = `${s(baseline)} (before ${s(before.seconds)}, after ${s(after.seconds)})`;
    figures[label('refresh applying them')] =
      `${s(applied.seconds)}, ${applied.value.changes.length.toLocaleString('en')} changes stored as events; the preview is ${(preview.seconds / applied.seconds).toFixed(2)}× it`;
    figures[label('preview')] =
      `${s(preview.seconds)} = ${(preview.seconds / baseline).toFixed(2)}× the full refresh; ${moved(preview.value.stage).toLocaleString('en')} stage moves, ${moved(preview.value.tier).toLocaleString('en')} tier moves, ${preview.value.changes.length} change groups`;
  } finally {
    await database.close();
  }
}

export const settingsPreviewBenches = {
  async 'settings-preview'(): Promise<BenchResult> {
    const shop: ShopOptions = {
      ...defaultShop,
      customers: whole('BENCH_CUSTOMERS', 100_000),
      orders: whole('BENCH_ORDERS', 1_000_000),
      products: whole('BENCH_PRODUCTS', 400),
    };
    const figures: Record<string, string> = { machine: `${cpus().length} cores, load average ${load()} at start` };
    for (const kind of (process.env.BENCH_DATABASES ?? 'embedded,postgresql').split(',') as DatabaseKind[]) {
      try {
        await benchOne(kind, shop, figures);
      } catch (error) {
        figures[`${kind}: failed`] = error instanceof Error ? error.message : String(error);
      }
    }
    figures['load average at end'] = load();
    return { name: 'settings preview: the rolled-back refresh with proposed settings vs a full refresh', figures };
  },
};
