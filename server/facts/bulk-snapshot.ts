import { sql, type RawBuilder } from 'kysely';
import { scoresByCategory, type FactPopulation, type RfmRanges, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { birthdayMonthDaySql, boughtRules, earnedTierRank, tierOfRank, tierRank } from './bulk-expressions';

/** The boundaries of the lifecycle stages: the shop's windows, or the ratio split of the population. */
export function stageBoundaries(settings: ShopSettings, population: FactPopulation | null): [number, number, number] {
  const l = settings.lifecycle;
  return l.mode === 'ratio' && population?.lifecycleRatio ? population.lifecycleRatio : [l.activeDays, l.silentDays, l.sleepingDays];
}

/** The RFM thresholds facts are scored by: the population's quintiles, or the shop's ranges. */
export function rfmRanges(settings: ShopSettings, population: FactPopulation | null): RfmRanges | null {
  return settings.rfm.scoring === 'quintiles' ? (population?.rfmQuintiles ?? null) : settings.rfm.ranges;
}

/**
 * Stores the parameters the customer_facts view derives the day's facts with (facts_snapshot, one
 * row): asOf, the shop's zone, the stage boundaries and the RFM thresholds, floored to whole
 * days, orders and cents as the view compares them (exactly, in numeric). `onlyBeforeFirstRefresh`
 * leaves the row alone once a bulk refresh has stored its own (a per-customer refresh before any).
 * Returns whether the parameters changed: then every row's derived stage and segment may have.
 */
export async function writeViewParameters(
  trx: Db,
  settings: ShopSettings,
  population: FactPopulation | null,
  asOf: Date | null,
  onlyBeforeFirstRefresh = false,
): Promise<boolean> {
  const snapshot = async () => (await sql<{ v: string }>`select to_jsonb(s)::text as v from facts_snapshot s`.execute(trx)).rows[0]?.v;
  const before = await snapshot();
  const ranges = rfmRanges(settings, population);
  const floored = (values: number[] | undefined, scale: number) =>
    values ? sql`array(select floor(x * ${scale}::int)::bigint from unnest(${values}::numeric[]) with ordinality as t(x, i) order by i)` : sql`null::bigint[]`;
  const byCategory = settings.rfm.scoring === 'ranges' ? settings.rfm.byCategory : {};
  // For whole recency days: ≤ k days exactly when placed at or after the start of the local day k
  // days before asOf's (the view compares last orders with these instants).
  const dayStarts = (days: RawBuilder<unknown>) =>
    asOf
      ? sql`array(select ((${asOf}::timestamptz at time zone ${settings.timezone}::text)::date - floor(k)::int)::timestamp at time zone ${settings.timezone}::text
          from unnest(${days}) with ordinality as t(k, i) order by i)`
      : sql`null::timestamptz[]`;
  const bounds = stageBoundaries(settings, population);
  await sql`update facts_snapshot set as_of = ${asOf}::timestamptz, timezone = ${settings.timezone}::text,
      stage_bounds = ${bounds}::numeric[], stage_from = ${dayStarts(sql`${bounds}::numeric[]`)},
      rfm_r = ${floored(ranges?.recencyDays, 1)}, rfm_f = ${floored(ranges?.frequency, 1)}, rfm_m = ${floored(ranges?.monetary, 100)},
      rfm_r_from = ${ranges ? dayStarts(floored(ranges.recencyDays, 1)) : sql`null::timestamptz[]`},
      rfm_by_category = ${JSON.stringify(byCategory)}::jsonb
    where id = 1 ${onlyBeforeFirstRefresh ? sql`and as_of is null` : sql``}`.execute(trx);
  return (await snapshot()) !== before;
}

/** The stored columns of customer_fact_rows, in the order stableRowsQuery gives them. */
const stableColumns = sql.raw(
  'customer_id, order_count, total_cents, frequency, monetary_cents, first_at, last_at, main_category, tier, tags, birthday_md, zone',
);
const compared = (t: string) =>
  sql.raw(
    ['order_count', 'total_cents', 'frequency', 'monetary_cents', 'first_at', 'last_at', 'main_category', 'tier', 'tags', 'birthday_md', 'zone']
      .map((c) => `${t}.${c}`)
      .join(', '),
  );

/**
 * Writes the day-stable snapshot (customer_fact_rows) from fx_base, fx_bought and fx_main
 * (bulk-basics.ts): in a full refresh for every customer with a profile, a counted order or an
 * earlier row; in a `changed` one for those in fx_scope alone (refresh-scope.ts). The previous
 * derived stage, tier and tags of everyone stay in fx_old for the changes.
 * Into an empty table (the first refresh) every row is inserted at once; otherwise the new values
 * are compared with the stored ones as they are computed and only the rows that differ are kept
 * and written. Rows a per-customer refresh wrote after this transaction began are fresher than
 * ours and are kept. Readers see the previous snapshot until the refresh commits; writers of rows
 * wait for it. The view's parameters are written afterwards (writeViewParameters), once the
 * population is known from these rows.
 */
export async function writeSnapshot(
  trx: Db,
  settings: ShopSettings,
  customerZones: string[],
  scoped: boolean,
  step: <T>(label: string, run: () => Promise<T>) => Promise<T>,
): Promise<void> {
  await sql`lock table customer_fact_rows in exclusive mode`.execute(trx);
  // The previous rows as their readers saw them: the universe includes them, the kept tier is read
  // from them, and the changes are read against them.
  await step('previous', async () => {
    // The stored stage (stored-derived.ts) is the view's, without deriving it for every row again.
    await sql`create temporary table fx_old on commit drop as select customer_id, stage, tier, tags from customer_fact_rows`.execute(trx);
    // Without statistics the planner takes a million-row temporary table for a few hundred rows
    // and sizes its hash joins wrongly (seen: 4 × slower on the embedded database).
    await sql`analyze fx_old`.execute(trx);
  });
  const { rows } = await sql<{ any: boolean; manual: boolean }>`select exists (select 1 from customer_fact_rows) as any,
    exists (select 1 from customer_tags where source = 'manual') as manual`.execute(trx);
  const rowsQuery = stableRowsQuery(settings, customerZones, {
    scoped,
    earlierRows: rows[0]!.any,
    manualTags: rows[0]!.manual,
    boughtTags: boughtRules(settings).length > 0,
    mainCategory: scoresByCategory(settings),
  });
  if (!rows[0]!.any) {
    // Into the empty table as a bulk load goes: without its primary key, built again afterwards
    // (a million rows: 4.5 s with the key maintained row by row, 1.3 s so). Readers of the table
    // wait for this first refresh to commit; there is nothing for them to read before it.
    await step('facts', async () => {
      await sql`alter table customer_fact_rows drop constraint customer_fact_rows_pkey`.execute(trx);
      await sql`insert into customer_fact_rows (${stableColumns}) ${rowsQuery}`.execute(trx);
      await sql`alter table customer_fact_rows add constraint customer_fact_rows_pkey primary key (customer_id)`.execute(trx);
    });
    return;
  }
  // Only the rows to write are kept: new customers, and stored rows whose values differ or that a
  // per-customer refresh wrote with its own asOf before this transaction began (it takes them back).
  await step('facts', async () => {
    await sql`create temporary table fx_new on commit drop as
      select n.* from (${rowsQuery}) n left join customer_fact_rows r on r.customer_id = n.customer_id
      where r.customer_id is null
        or (r.computed_at <= now() and (r.as_of is not null or (${compared('r')}) is distinct from (${compared('n')})))`.execute(trx);
    await sql`analyze fx_new`.execute(trx);
  });
  await step('write', async () => {
    const set = sql.raw(
      ['order_count', 'total_cents', 'frequency', 'monetary_cents', 'first_at', 'last_at', 'main_category', 'tier', 'tags', 'birthday_md', 'zone']
        .map((c) => `${c} = n.${c}`)
        .join(', '),
    );
    await sql`update customer_fact_rows r set as_of = null, computed_at = now(), ${set}
      from fx_new n where n.customer_id = r.customer_id`.execute(trx);
    await sql`insert into customer_fact_rows (${stableColumns})
      select ${stableColumns} from fx_new n where not exists (select 1 from customer_fact_rows r where r.customer_id = n.customer_id)`.execute(trx);
  });
}

const col = (name: string) => sql.raw(name) as RawBuilder<unknown>;

/** What stableRowsQuery reads besides profiles and fx_base; tables that hold nothing are left out of the join. */
export interface StableRowsSources {
  /** Only the customers in fx_scope. */
  scoped: boolean;
  /** customer_fact_rows had rows (fx_old holds them): not so in the first refresh. */
  earlierRows: boolean;
  /** Some customer has a manual tag. */
  manualTags: boolean;
  /** fx_bought may hold rows: the settings have bought-product or bought-category rules. */
  boughtTags: boolean;
  /** fx_main may hold rows: RFM ranges per category. */
  mainCategory: boolean;
}

/**
 * Each customer's day-stable values (exported for EXPLAIN in the bench): counts and sums, first and
 * last order, main category, kept tier, sorted tags, birthday month-day and own zone. The kept tier
 * is never lowered: the highest of the earned one, the profile's (set by a journey or an import) and
 * the previous row's. `offset 0` keeps the joined level computed once per row rather than inlined
 * where the outer level uses it. A join with a table that holds nothing still hashes its key for
 * each of a million rows, so such tables are left out (seen: a few hundred ms each).
 */
export function stableRowsQuery(settings: ShopSettings, customerZones: string[], from: StableRowsSources) {
  const { scoped, earlierRows } = from;
  const tags = sql`case when u.manual_tags is null and cardinality(u.rule_tags) = 0 then '{}'::text[]
    else (select array_agg(x order by x collate "C") from (select distinct x from unnest(coalesce(u.manual_tags, '{}') || u.rule_tags) as d(x)) as dx) end`;
  const manual = sql`select customer_id, array_agg(tag) as tags from customer_tags where source = 'manual'`;
  // Every profile, buyer and earlier row; or those of the scope's customers.
  const sources = scoped
    ? sql`fx_scope s left join customers c on c.id = s.customer_id left join fx_base b on b.customer_id = s.customer_id
        left join fx_old o on o.customer_id = s.customer_id`
    : earlierRows
      ? sql`customers c full join fx_base b on b.customer_id = c.id full join fx_old o on o.customer_id = coalesce(c.id, b.customer_id)`
      : sql`customers c full join fx_base b on b.customer_id = c.id`;
  const id = scoped ? sql`s.customer_id` : earlierRows ? sql`coalesce(c.id, b.customer_id, o.customer_id)` : sql`coalesce(c.id, b.customer_id)`;
  const manualTags = scoped ? sql`${manual} and customer_id in (select customer_id from fx_scope) group by customer_id` : sql`${manual} group by customer_id`;
  const oldRank = scoped || earlierRows ? sql`, ${tierRank(col('o.tier'))}` : sql``;
  return sql`select u.customer_id, u.order_count, u.total_cents, u.frequency, u.monetary_cents, u.first_at, u.last_at, u.main_category,
      ${tierOfRank(sql`greatest(${earnedTierRank(col('u.order_count'), col('u.total_cents'), settings)}, u.kept_rank)`)} as tier,
      ${tags} as tags, u.birthday_md, u.zone
    from (
      select ${id} as customer_id,
        greatest(0, ${tierRank(col('c.tier'))}${oldRank}) as kept_rank,
        coalesce(b.order_count, 0) as order_count, coalesce(b.total_cents, 0) as total_cents,
        coalesce(b.frequency, 0) as frequency, coalesce(b.monetary_cents, 0) as monetary_cents,
        b.first_at, b.last_at, ${from.mainCategory ? sql`fm.category` : sql`null::text`} as main_category,
        coalesce(b.order_tags, '{}') ${from.boughtTags ? sql`|| coalesce(bt.tags, '{}')` : sql``} as rule_tags,
        ${from.manualTags ? sql`mt.tags` : sql`null::text[]`} as manual_tags,
        -- None for a 农历 birthday, as the per-customer path (facts-service.ts) stores.
        case when c.attributes->>'birthdayCalendar' = 'lunar' then null else ${birthdayMonthDaySql(col('c.birthday'))} end as birthday_md,
        case when c.timezone = any(${customerZones}::text[]) then c.timezone end as zone
      from ${sources}
      ${from.boughtTags ? sql`left join fx_bought bt on bt.customer_id = b.customer_id` : sql``}
      ${from.mainCategory ? sql`left join fx_main fm on fm.customer_id = b.customer_id` : sql``}
      ${from.manualTags ? sql`left join (${manualTags}) mt on mt.customer_id = ${id}` : sql``}
      ${scoped ? sql`where c.id is not null or b.customer_id is not null or o.customer_id is not null` : sql``}
      offset 0
    ) u`;
}
