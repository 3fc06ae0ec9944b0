import { sql, type RawBuilder } from 'kysely';
import { rfmSegment, type FactPopulation, type RfmRanges, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { daysToBirthdaySql, earnedTierRank, isoSql, stageSql, tierOfRank, tierRank } from './bulk-expressions';

/** The boundaries of the lifecycle stages: the shop's windows, or the ratio split of the population. */
export function stageBoundaries(settings: ShopSettings, population: FactPopulation | null): [number, number, number] {
  const l = settings.lifecycle;
  return l.mode === 'ratio' && population?.lifecycleRatio ? population.lifecycleRatio : [l.activeDays, l.silentDays, l.sleepingDays];
}

/**
 * rfmSegment for every (r, f, m), indexed (r-1)*25 + (f-1)*5 + m: the engine's own function decides,
 * and SQL looks its answer up once per customer instead of re-testing the scores rule by rule.
 */
const segmentTable = (() => {
  const names: string[] = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) names.push(rfmSegment(r, f, m));
  return sql.raw(`array[${names.map((n) => `'${n}'`).join(', ')}]`);
})();

/**
 * Rewrites the customer_facts snapshot from fx_base, fx_bought and fx_main (bulk-basics.ts), for
 * every customer with a profile, a counted order or an earlier snapshot row. The previous rows'
 * stage, tier and tags stay in fx_old for the changes. The table is locked, emptied and filled
 * by one INSERT … SELECT with its secondary indexes dropped and rebuilt afterwards: rewriting
 * every row this way costs a third of an upsert and leaves no dead rows behind; readers of the
 * table wait until the refresh commits. Rows a per-customer refresh wrote after this transaction
 * began are fresher than ours and are kept.
 */
export async function writeSnapshot(
  trx: Db,
  settings: ShopSettings,
  asOf: Date,
  population: FactPopulation,
  customerZones: string[],
  step: <T>(label: string, run: () => Promise<T>) => Promise<T>,
): Promise<void> {
  // The local date of asOf in each zone in use, once (rather than per customer).
  await sql`create temporary table fx_zones (zone text primary key, today date not null) on commit drop`.execute(trx);
  await sql`insert into fx_zones select distinct z, (${asOf}::timestamptz at time zone z)::date
    from unnest(${[...new Set([...customerZones, settings.timezone])]}::text[]) as z`.execute(trx);
  // Days to each possible birthday (month-day, 29 February included) from each zone's today: the
  // engine's rule evaluated 366 times per zone here rather than once per customer in the snapshot.
  // A month-day that is no day of any year (04-31) has no row, so the customer gets null; the
  // customers table's check keeps every birthday in the YYYY-MM-DD / MM-DD form.
  await sql`create temporary table fx_birthdays on commit drop as
    select z.today, to_char(d, 'MM-DD') as mmdd, ${daysToBirthdaySql(sql`to_char(d, 'MM-DD')`, sql`z.today`)} as days
    from (select distinct today from fx_zones) z cross join generate_series('2000-01-01'::timestamp, '2000-12-31'::timestamp, interval '1 day') as d`.execute(trx);
  await sql`analyze fx_birthdays`.execute(trx);
  // Per-category RFM thresholds, one row per category (only with fixed ranges), floored as score() does.
  await sql`create temporary table fx_ranges (category text primary key, r bigint[] not null, f bigint[] not null, m bigint[] not null) on commit drop`.execute(trx);
  const byCategory = settings.rfm.scoring === 'ranges' ? Object.entries(settings.rfm.byCategory) : [];
  const floored = (values: number[], scale: number) => sql`array(select floor(x * ${scale}::int)::bigint from unnest(${values}::numeric[]) with ordinality as t(x, i) order by i)`;
  if (byCategory.length > 0) {
    await sql`insert into fx_ranges values ${sql.join(byCategory.map(([c, g]) => sql`(${c}::text, ${floored(g.recencyDays, 1)}, ${floored(g.frequency, 1)}, ${floored(g.monetary, 100)})`))}`.execute(trx);
  }

  // The previous rows: the universe includes them, and the changes are read against them.
  await step('previous', async () => {
    await sql`create temporary table fx_old on commit drop as select customer_id, stage, tier, tags from customer_facts`.execute(trx);
    // Without statistics the planner takes a million-row temporary table for a few hundred rows
    // and sizes its hash joins wrongly (seen: 4 × slower on the embedded database).
    await sql`analyze fx_old`.execute(trx);
  });
  await sql`lock table customer_facts in access exclusive mode`.execute(trx);
  await sql`create temporary table fx_keep on commit drop as select * from customer_facts where computed_at > now()`.execute(trx);
  const { rows: indexes } = await sql<{ name: string; definition: string }>`select i.indexname as name, i.indexdef as definition
    from pg_indexes i where i.schemaname = current_schema() and i.tablename = 'customer_facts'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.conrelid = 'customer_facts'::regclass)`.execute(trx);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  await sql`truncate customer_facts`.execute(trx);
  // Straight into the table: building the rows in a temporary table first (so readers would wait
  // only for a swap) doubled the time on the embedded database.
  await step('facts', () =>
    sql`insert into customer_facts (customer_id, as_of, computed_at, stage, tier, rfm_segment, tags, facts)
      select * from (${snapshotQuery(settings, population, asOf)}) n where not exists (select 1 from fx_keep k where k.customer_id = n.customer_id)`.execute(trx),
  );
  await sql`insert into customer_facts select * from fx_keep`.execute(trx);
  await step('indexes', async () => {
    for (const index of indexes) await sql.raw(index.definition).execute(trx);
  });
}

const col = (name: string) => sql.raw(name) as RawBuilder<unknown>;

/**
 * scoreLowerBetter / scoreHigherBetter on whole numbers (days, orders, cents): for a whole x,
 * x > t exactly when x > floor(t), so the thresholds become integers once, in the statement, and
 * each comparison is an integer one. `own` is the customer's category thresholds (already floored),
 * when the shop has per-category ranges.
 */
function score(value: RawBuilder<unknown>, own: RawBuilder<unknown> | null, shop: number[], lowerBetter: boolean, scale: 1 | 100 = 1) {
  const above = shop.map((t, i) => {
    const threshold = sql`floor(${t}::numeric * ${scale}::int)::bigint`;
    return sql`(${value} > ${own ? sql`coalesce(${own}[${i + 1}], ${threshold})` : threshold})::int`;
  });
  const count = sql`(${sql.join(above, sql` + `)})`;
  return lowerBetter ? sql`(5 - ${count})` : sql`(1 + ${count})`;
}

/** Whole cents as a JSON number of yuan: 18050 → 18050e-2, which JSON.parse reads as 180.5. */
const yuan = (cents: RawBuilder<unknown>) => sql`((${cents})::text || 'e-2')`;

/**
 * The CustomerFacts document as JSON text cast to json (migration 0005-facts-snapshot), cheaper
 * than jsonb_build_object with thirteen keys (which dominated the bulk refresh) and than parsing
 * the text into jsonb (twice the cost of formatting it). Every value is a number, null, one of our
 * own identifiers, an ISO instant, or (tags) escaped by to_json.
 */
function factsDocument() {
  const num = (v: RawBuilder<unknown>) => sql`coalesce((${v})::text, 'null')`;
  const str = (v: RawBuilder<unknown>) => sql`coalesce('"' || ${v} || '"', 'null')`;
  const rfm = sql`case when w.r is null then 'null' else format('{"r":%s,"f":%s,"m":%s,"segment":"%s"}', w.r, w.f, w.m, w.segment) end`;
  const tags = sql`case when cardinality(w.tags) = 0 then '[]' else to_json(w.tags)::text end`;
  // aov: whole cents rounded half up, in integers: (2·total + n) div (2·n).
  const aov = sql`case when w.order_count > 0 then ${yuan(sql`(2 * w.total_cents + w.order_count) / (2 * w.order_count)`)} end`;
  return sql`format('{"orderCount":%s,"totalSpend":%s,"frequency":%s,"monetary":%s,"recencyDays":%s,"firstOrderAt":%s,"lastOrderAt":%s,"aov":%s,"rfm":%s,"lifecycleStage":"%s","tier":"%s","tags":%s,"daysToBirthday":%s}',
      w.order_count, ${yuan(col('w.total_cents'))}, w.frequency, ${yuan(col('w.monetary_cents'))}, ${num(col('w.recency_days'))},
      ${str(isoSql(col('w.first_at')))}, ${str(isoSql(col('w.last_at')))}, ${num(aov)},
      ${rfm}, w.stage, w.tier, ${tags}, ${num(col('w.days_to_birthday'))})::json`;
}

/**
 * The new snapshot rows (exported for EXPLAIN in the bench). Levels, each `offset 0` so PostgreSQL
 * computes a level's columns once per row instead of inlining their expressions wherever the next
 * level uses them: u joins the inputs, v scores, w names, the outer level builds the document.
 */
export function snapshotQuery(settings: ShopSettings, population: FactPopulation, asOf: Date) {
  const ranges: RfmRanges | null = settings.rfm.scoring === 'quintiles' ? population.rfmQuintiles : settings.rfm.ranges;
  const perCategory = settings.rfm.scoring === 'ranges' && Object.keys(settings.rfm.byCategory).length > 0;
  const own = (column: string) => (perCategory ? col(column) : null);
  const scored = (s: (rg: RfmRanges) => RawBuilder<unknown>) => (ranges ? sql`case when u.recency_days is null then null else ${s(ranges)} end` : sql`null::int`);
  const tags = sql`case when u.manual_tags is null and cardinality(u.rule_tags) = 0 then '{}'::text[]
    else (select array_agg(x order by x collate "C") from (select distinct x from unnest(coalesce(u.manual_tags, '{}') || u.rule_tags) as d(x)) as dx) end`;
  return sql`select w.customer_id, ${asOf}::timestamptz as as_of, now() as computed_at, w.stage, w.tier, w.segment as rfm_segment, w.tags, ${factsDocument()} as facts
    from (
    select v.*, ${tierOfRank(col('v.tier_rank'))} as tier, (${segmentTable})[(v.r - 1) * 25 + (v.f - 1) * 5 + v.m] as segment
    from (
      select u.customer_id, u.order_count, u.total_cents, u.frequency, u.monetary_cents, u.recency_days, u.first_at, u.last_at,
        ${scored((rg) => score(col('u.recency_days'), own('cr.r'), rg.recencyDays, true))} as r,
        ${scored((rg) => score(col('u.frequency'), own('cr.f'), rg.frequency, false))} as f,
        ${scored((rg) => score(col('u.monetary_cents'), own('cr.m'), rg.monetary, false, 100))} as m,
        greatest(${earnedTierRank(col('u.order_count'), col('u.total_cents'), settings)}, u.stored_rank) as tier_rank,
        ${stageSql(col('u.recency_days'), stageBoundaries(settings, population))} as stage,
        ${tags} as tags,
        u.days_to_birthday
      from (
        select coalesce(c.id, b.customer_id, o.customer_id) as customer_id, bd.days as days_to_birthday,
          ${tierRank(col('c.tier'))} as stored_rank,
          coalesce(b.order_count, 0) as order_count, coalesce(b.total_cents, 0) as total_cents,
          coalesce(b.frequency, 0) as frequency, coalesce(b.monetary_cents, 0) as monetary_cents,
          b.first_at, b.last_at, b.recency_days, fm.category as main_category,
          coalesce(b.price_tags, '{}') || coalesce(bt.tags, '{}') as rule_tags, mt.tags as manual_tags
        from customers c
        full join fx_base b on b.customer_id = c.id
        full join fx_old o on o.customer_id = coalesce(c.id, b.customer_id)
        left join fx_bought bt on bt.customer_id = b.customer_id
        left join fx_main fm on fm.customer_id = b.customer_id
        left join fx_zones cz on cz.zone = c.timezone
        cross join (select today from fx_zones where zone = ${settings.timezone}) sz
        left join fx_birthdays bd on bd.today = coalesce(cz.today, sz.today) and bd.mmdd = right(c.birthday, 5)
        left join (select customer_id, array_agg(tag) as tags from customer_tags where source = 'manual' group by customer_id) mt
          on mt.customer_id = coalesce(c.id, b.customer_id, o.customer_id)
        offset 0
      ) u
      ${perCategory ? sql`left join fx_ranges cr on cr.category = u.main_category` : sql``}
      offset 0
    ) v
    offset 0
    ) w`;
}
