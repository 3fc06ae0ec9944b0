// `npm run bench -- audience`: a broadcast audience evaluated over a synthetic shop's stored
// customers, in SQL (server/audience/) against json-rules-engine in the same run, on the embedded
// database and on PostgreSQL. Sizes and databases from the environment:
//   BENCH_AUDIENCE_CUSTOMERS (100,000)  BENCH_AUDIENCE_ENGINE_SAMPLE (20,000)
//   BENCH_DATABASES (embedded,postgresql)  DATABASE_URL (a server to use instead of a throwaway one)
import { decisionFacts, evaluateCondition, type TopLevelCondition } from '../engine/index';
import { selectAudiencePage, sqlAudience } from '../server/audience/select-audience-page';
import { storedCustomer, type StoredCustomerRow } from '../server/audience/stored-customer';
import { profileFields } from '../server/customers/customers';
import type { Db } from '../server/db/database';
import { defaultShop, type ShopOptions } from '../scripts/sample-shop/generate';
import { broadcastEvent } from '../tests/audience/stored-audience';
import { openEmbedded, openPostgres, type DatabaseKind } from './facts/databases';
import { loadShop } from './facts/load';
import { databasesWanted, loadAverage, machineFigure, perDatabase, wholeFromEnv as whole } from './machine';
import { refreshFigures } from './facts/measure-facts';
import type { BenchResult } from './run';

/** A Double 11 wave's audience: repeat buyers, of a tier or recently active, in five regions, not hibernating. */
export const benchAudience: TopLevelCondition = {
  all: [
    { fact: 'orderCount', operator: 'greaterThanInclusive', value: 2 },
    {
      any: [
        { fact: 'tier', operator: 'tierAtLeast', value: 'senior' },
        { fact: 'lifecycleStage', operator: 'in', value: ['active', 'silent'] },
        { fact: 'tags', operator: 'hasTag', value: '油性肤质' },
      ],
    },
    { fact: 'customer', path: '$.region', operator: 'in', value: ['广东', '浙江', '江苏', '上海', '北京'] },
    { not: { fact: 'rfm', path: '$.segment', operator: 'equal', value: 'hibernating' } },
  ],
};

const n = (x: number) => Math.round(x).toLocaleString('en');
const note = (line: string) => console.error(`[audience bench] ${line}`);
const event = broadcastEvent('bench', 1);

/** The rows broadcast-page.ts reads per customer, for the engine's figures. */
async function readRows(db: Db, limit: number): Promise<StoredCustomerRow[]> {
  return (await db
    .selectFrom('customers as c')
    .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
    .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
    .orderBy('c.id')
    .limit(limit)
    .execute()) as StoredCustomerRow[];
}

async function benchOne(kind: DatabaseKind, customers: number, sample: number, figures: Record<string, string>) {
  const label = (what: string) => `${kind}: ${what}`;
  const database = kind === 'embedded' ? await openEmbedded() : await openPostgres();
  try {
    const shop: ShopOptions = { ...defaultShop, customers, orders: customers * 5, products: 200 };
    note(`${kind}: loading ${n(customers)} customers, ${n(shop.orders)} orders; facts refresh`);
    await loadShop(database.db, shop, (line) => note(`${kind}: ${line}`));
    await refreshFigures(database.db, new Date(shop.end));

    // json-rules-engine: the broadcast's way today, evaluateCondition on each stored customer.
    note(`${kind}: engine over ${n(sample)} customers (load ${loadAverage()})`);
    let started = performance.now();
    const rows = await readRows(database.db, sample);
    const readSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    let engineMatches = 0;
    for (const row of rows) if (await evaluateCondition(benchAudience, decisionFacts({ event: event(row.id), customer: storedCustomer(row) }))) engineMatches++;
    const engineSeconds = (performance.now() - started) / 1000;
    const engineRate = rows.length / engineSeconds;
    const todayRate = rows.length / (engineSeconds + readSeconds);

    // SQL: the whole shop, as broadcast pages select it (500 matches a page, 20,000 rows a statement at most).
    const audience = await sqlAudience(benchAudience, event);
    if (!audience) throw new Error('the bench audience does not compile');
    note(`${kind}: SQL over ${n(customers)} customers (load ${loadAverage()})`);
    const pass = async (limit: number) => {
      const t = performance.now();
      let after: string | null = null;
      let examined = 0;
      let matched = 0;
      let statements = 0;
      const sampleMatches: string[] = [];
      do {
        const page = await selectAudiencePage(database.db, audience, { after, limit, examineLimit: 20_000 });
        statements++;
        examined += page.examined;
        matched += page.ids.length;
        for (const id of page.ids) if (id <= rows.at(-1)!.id) sampleMatches.push(id);
        after = page.next;
      } while (after !== null);
      return { seconds: (performance.now() - t) / 1000, examined, matched, statements, sampleMatches: sampleMatches.length };
    };
    const paged = await pass(500);
    const unpaged = await pass(1_000_000_000);
    const sqlRate = unpaged.examined / unpaged.seconds;
    if (paged.sampleMatches !== engineMatches) throw new Error(`SQL matched ${paged.sampleMatches} of the sample, the engine ${engineMatches}`);

    figures[label('shop')] =
      `${n(customers)} customers, ${n(shop.orders)} orders; audience matches ${n(paged.matched)} (${((100 * paged.matched) / customers).toFixed(1)} %)`;
    figures[label('json-rules-engine')] =
      `${n(engineRate)} evaluations/s (evaluateCondition on ${n(rows.length)} stored customers, read beforehand: ${n(rows.length / readSeconds)} rows/s read; both together ${n(todayRate)}/s)`;
    figures[label('SQL, 20,000 rows a statement')] =
      `${n(sqlRate)} evaluations/s (${n(unpaged.examined)} customers in ${unpaged.seconds.toFixed(2)} s, ${unpaged.statements} statements)`;
    figures[label('SQL, broadcast pages of 500')] =
      `${n(paged.examined / paged.seconds)} customers/s (${paged.seconds.toFixed(2)} s, ${paged.statements} pages)`;
    figures[label('SQL / json-rules-engine')] =
      `${(sqlRate / engineRate).toFixed(0)}× (target ≥ 100×); against today's read-and-evaluate ${(sqlRate / todayRate).toFixed(0)}×`;
    figures[label('load average after')] = loadAverage();
  } finally {
    await database.close();
  }
}

export const audienceBenches = {
  async audience(): Promise<BenchResult> {
    const customers = whole('BENCH_AUDIENCE_CUSTOMERS', 100_000);
    const sample = Math.min(customers, whole('BENCH_AUDIENCE_ENGINE_SAMPLE', 20_000));
    const figures: Record<string, string> = { machine: machineFigure() };
    await perDatabase(databasesWanted('embedded,postgresql'), figures, (kind) => benchOne(kind, customers, sample, figures));
    return { name: 'audience: a broadcast audience in SQL vs json-rules-engine per customer (same run)', figures };
  },
};
