// `npm run bench -- segments`: a segment's count at shop scale, against today's audience SQL over the
// same condition in the same run. Sizes and databases from the environment:
//   BENCH_SEGMENT_CUSTOMERS (1,000,000)  BENCH_SEGMENT_ORDERS_PER_CUSTOMER (2)
//   BENCH_DATABASES (postgresql)  DATABASE_URL (a server to use instead of a throwaway one)
import { sql } from 'kysely';
import { selectAudiencePage } from '../server/audience/select-audience-page';
import { recomputeSegments } from '../server/segments/membership';
import { countMatching } from '../server/segments/segment-count';
import { segmentSql } from '../server/segments/segment-audience';
import { Segments } from '../server/segments/segment-store';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import { benchAudience } from './audience';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import { databasesWanted, loadAverage, machineFigure, perDatabase, wholeFromEnv as whole } from './machine';
import { refreshFigures } from './facts/measure-facts';
import type { BenchResult } from './run';

const n = (x: number) => Math.round(x).toLocaleString('en');
const note = (line: string) => console.error(`[segments bench] ${line}`);
const timed = async <T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
};

async function benchOne(kind: DatabaseKind, customers: number, ordersPer: number, figures: Record<string, string>) {
  const label = (what: string) => `${kind}: ${what}`;
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    const shop: ShopOptions = { ...defaultShop, customers, orders: customers * ordersPer, products: 200 };
    note(`${kind}: loading ${n(customers)} customers, ${n(shop.orders)} orders; facts refresh`);
    await loadShop(database.db, shop, (line) => note(`${kind}: ${line}`));
    const asOf = new Date(shop.end);
    await refreshFigures(database.db, asOf);
    const audience = await segmentSql(benchAudience, asOf);
    if (!audience) throw new Error('the bench condition does not compile');

    // Baseline: the whole shop through today's audience SQL (a broadcast's selection, 20,000 rows a statement).
    note(`${kind}: baseline, the broadcast audience's SQL over the shop (load ${loadAverage()})`);
    const baseline = await timed(async () => {
      let after: string | null = null;
      let matched = 0;
      do {
        const page = await selectAudiencePage(database.db, audience, { after, limit: 1_000_000_000, examineLimit: 20_000 });
        matched += page.ids.length;
        after = page.next;
      } while (after !== null);
      return matched;
    });
    // The segment's live count (the preview), three times: the first pays for cold caches.
    note(`${kind}: segment counts (load ${loadAverage()})`);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await timed(() => countMatching(database.db, benchAudience, asOf)));
    for (const c of counts) if (c.value !== baseline.value) throw new Error(`the count says ${c.value}, the audience SQL ${baseline.value}`);
    // Membership: the first computation (every member written), then the refresh's recomputation (nothing moved).
    const segments = new Segments(database.db, async () => 'Asia/Shanghai');
    const created = await timed(() => segments.create({ name: 'bench', description: '', condition: benchAudience }, null));
    const again = await timed(() =>
      database.db.transaction().execute((trx) => recomputeSegments(trx, { asOf, timezone: 'Asia/Shanghai', segmentIds: [created.value.id] })),
    );
    const listed = await timed(() => segments.list());
    const stored = await sql<{ n: number }>`select count(*)::int as n from segment_members`.execute(database.db);

    figures[label('shop')] = `${n(customers)} customers, ${n(shop.orders)} orders; the condition matches ${n(baseline.value)}`;
    figures[label('baseline: audience SQL over the shop')] = `${baseline.seconds.toFixed(2)} s`;
    figures[label('segment count (preview), 3 runs')] = counts.map((c) => `${c.seconds.toFixed(2)} s`).join(', ');
    figures[label('count / baseline')] = `${(baseline.seconds / Math.min(...counts.map((c) => c.seconds))).toFixed(1)}× faster (target: ≤ 1 s at 1M)`;
    figures[label('create: first membership')] = `${created.seconds.toFixed(2)} s (${n(stored.rows[0]!.n)} members written)`;
    figures[label('recompute, nothing moved')] = `${again.seconds.toFixed(2)} s (${again.value.entered} entered, ${again.value.left} left)`;
    figures[label('list with counts')] = `${(listed.seconds * 1000).toFixed(0)} ms`;
    figures[label('load average after')] = loadAverage();
  } finally {
    await database.close();
  }
}

export const segmentBenches = {
  async segments(): Promise<BenchResult> {
    const customers = whole('BENCH_SEGMENT_CUSTOMERS', 1_000_000);
    const ordersPer = whole('BENCH_SEGMENT_ORDERS_PER_CUSTOMER', 2);
    const figures: Record<string, string> = { machine: machineFigure() };
    await perDatabase(databasesWanted('postgresql'), figures, (kind) => benchOne(kind, customers, ordersPer, figures));
    return { name: "segments: a segment's count at shop scale vs the broadcast audience's SQL (same run)", figures };
  },
};
