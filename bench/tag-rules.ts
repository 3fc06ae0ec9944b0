// `npm run bench -- tag-rules`: the tag rules API's live count and sample (one SQL query per rule,
// server/facts/tag-rule-match.ts) for every rule kind, and what the new kinds add to a full facts
// refresh, on a seeded synthetic shop on the embedded database and PostgreSQL. Baseline in the same
// run: the plain GROUP BY over the counted orders (bench/facts/measure-facts.ts).
//   BENCH_CUSTOMERS (1,000,000)  BENCH_ORDERS (10,000,000)  BENCH_PRODUCTS (400)  BENCH_DATABASES (embedded,postgresql)
import { sql } from 'kysely';
import { loadavg } from 'node:os';
import { shopSettingsSchema, type TagRule } from '../engine/index';
import { previewRule } from '../server/facts/tag-rule-match';
import { SettingsStore } from '../server/facts/settings-store';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import { baselineSeconds, refreshFigures, type RefreshFigures } from './facts/measure-facts';
import type { BenchResult } from './run';

const env = (name: string, fallback: number) => Number((process.env[name] ?? '').replace(/[_,]/g, '')) || fallback;
const s = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} s`;
const note = (line: string) => console.error(`[tag-rules bench] ${line}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function rules(category: string, product: string): TagRule[] {
  return [
    { id: 'product', kind: 'bought-product', tag: '买过爆款', productIds: [product] },
    { id: 'category', kind: 'bought-category', tag: '油性肤质', categories: [category] },
    { id: 'price', kind: 'price-sensitive', tag: '价格敏感', minDiscountPct: 20 },
    { id: 'spend', kind: 'spend-in-window', tag: '近90天消费满1000', minSpend: 1000, days: 90 },
    { id: 'orders', kind: 'orders-in-window', tag: '近180天复购', minOrders: 2, days: 180 },
    { id: 'rfm', kind: 'rfm-segment', tag: '高价值', segments: ['champions', 'loyal'] },
    { id: 'stage', kind: 'stage', tag: '待唤醒', stages: ['silent', 'sleeping'] },
  ];
}

async function benchOne(kind: DatabaseKind, shop: ShopOptions, figures: Record<string, string>): Promise<void> {
  const asOf = new Date(shop.end);
  const label = (what: string) => `${kind}: ${what}`;
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    note(`${kind}: loading ${shop.customers} customers, ${shop.orders} orders`);
    await loadShop(database.db, shop, (line) => note(`${kind}: ${line}`));
    const { rows } = await sql<{ id: string; category: string }>`select id, category from products where category is not null order by id limit 1`.execute(
      database.db,
    );
    const list = rules(rows[0]!.category, rows[0]!.id);
    const store = new SettingsStore(database.db);
    await store.putShop(shopSettingsSchema.parse({}));
    note(`${kind}: refresh without rules (load average ${load()})`);
    const plain = await refreshFigures(database.db, asOf, true);
    const baseline = (await baselineSeconds(database.db, asOf)).seconds;
    figures[label('shop')] = `${shop.customers.toLocaleString('en')} customers, ${shop.orders.toLocaleString('en')} orders; load average ${load()}`;
    figures[label('baseline GROUP BY')] = s(baseline);
    for (const rule of list) {
      const started = performance.now();
      const preview = await previewRule(database.db, rule, asOf);
      const took = (performance.now() - started) / 1000;
      figures[label(`preview ${rule.kind}`)] = `${s(took)} (${(took / baseline).toFixed(2)}× baseline), ${preview.customers.toLocaleString('en')} customers`;
    }
    const day = (d: number) => new Date(asOf.getTime() + d * 86_400_000);
    const steps = (run: RefreshFigures) =>
      Object.entries(run.steps)
        .filter(([, t]) => t >= 0.05)
        .map(([step, t]) => `${step} ${s(t)}`)
        .join(', ');
    note(`${kind}: next day without rules`);
    const plainNext = await refreshFigures(database.db, day(1));
    await store.putShop({ ...shopSettingsSchema.parse({}), tagRules: list });
    note(`${kind}: full refresh with the seven rules, first time (load average ${load()})`);
    const ruled = await refreshFigures(database.db, day(1), true);
    note(`${kind}: full refresh with the seven rules again`);
    const again = await refreshFigures(database.db, day(1), true);
    note(`${kind}: next day with the seven rules`);
    const ruledNext = await refreshFigures(database.db, day(2));
    figures[label('full refresh without rules')] = `${s(plain.seconds)}: ${steps(plain)}`;
    figures[label('full refresh, seven rules, first (tags every match: change events)')] = `${s(ruled.seconds)}, ${ruled.changes} changes: ${steps(ruled)}`;
    figures[label('full refresh, seven rules, again')] = `${s(again.seconds)} (${(again.seconds / plain.seconds).toFixed(2)}× without rules): ${steps(again)}`;
    figures[label('next day (changed) without rules')] = `${s(plainNext.seconds)}, ${plainNext.recomputed} recomputed: ${steps(plainNext)}`;
    figures[label('next day (changed) with the rules')] =
      `${s(ruledNext.seconds)} (${(ruledNext.seconds / plainNext.seconds).toFixed(2)}× without), ${ruledNext.mode}, ${ruledNext.recomputed ?? ruledNext.customers} recomputed, ${ruledNext.changes} changes: ${steps(ruledNext)}`;
    figures[label('load average at the end')] = load();
  } finally {
    await database.close();
  }
}

export const tagRuleBenches = {
  async 'tag-rules'(): Promise<BenchResult> {
    const shop: ShopOptions = {
      ...defaultShop,
      customers: env('BENCH_CUSTOMERS', 1_000_000),
      orders: env('BENCH_ORDERS', 10_000_000),
      products: env('BENCH_PRODUCTS', 400),
    };
    const figures: Record<string, string> = {};
    for (const kind of (process.env.BENCH_DATABASES ?? 'embedded,postgresql').split(',') as DatabaseKind[]) await benchOne(kind, shop, figures);
    return { name: 'tag rules: live count and sample per kind; refresh with the new kinds', figures };
  },
};
