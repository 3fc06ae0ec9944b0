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
 * fx_new: every customer (profile or order) with their stage, tier, segment, tags and facts, from
 * fx_base, fx_bought, fx_main (bulk-basics.ts). One flat SELECT: the per-customer work is a few
 * comparisons against constants, so it stays cheap at a million customers.
 */
export async function newSnapshot(trx: Db, settings: ShopSettings, asOf: Date, population: FactPopulation, customerZones: string[]): Promise<void> {
  // The local date of asOf in each zone in use, once (rather than per customer).
  await sql`create temporary table fx_zones (zone text primary key, today date not null) on commit drop`.execute(trx);
  await sql`insert into fx_zones select distinct z, (${asOf}::timestamptz at time zone z)::date
    from unnest(${[...new Set([...customerZones, settings.timezone])]}::text[]) as z`.execute(trx);
  // Per-category RFM ranges, one row per category (only with fixed ranges).
  await sql`create temporary table fx_ranges (category text primary key, r numeric[] not null, f numeric[] not null, m numeric[] not null) on commit drop`.execute(trx);
  const byCategory = settings.rfm.scoring === 'ranges' ? Object.entries(settings.rfm.byCategory) : [];
  if (byCategory.length > 0) {
    await sql`insert into fx_ranges values ${sql.join(byCategory.map(([c, g]) => sql`(${c}::text, ${g.recencyDays}::numeric[], ${g.frequency}::numeric[], ${g.monetary}::numeric[])`))}`.execute(trx);
  }
  await sql`create temporary table fx_new (
    customer_id text primary key, stage text not null, tier text not null, tier_rank int not null, stored_rank int,
    rfm_segment text, tags text[] not null, rule_tags text[] not null, facts jsonb not null
  ) on commit drop`.execute(trx);
  await sql`insert into fx_new (customer_id, stage, tier, tier_rank, stored_rank, rfm_segment, tags, rule_tags, facts)
    ${snapshotQuery(settings, population)}`.execute(trx);
}

const col = (name: string) => sql.raw(name) as RawBuilder<unknown>;

/** scoreLowerBetter / scoreHigherBetter: thresholds of the customer's category, else the shop's (or quintiles). */
function score(value: RawBuilder<unknown>, own: RawBuilder<unknown>, shop: number[], lowerBetter: boolean) {
  const above = shop.map((t, i) => sql`(${value} > coalesce(${own}[${i + 1}], ${t}::numeric))::int`);
  const count = sql`(${sql.join(above, sql` + `)})`;
  return lowerBetter ? sql`(5 - ${count})` : sql`(1 + ${count})`;
}

/**
 * The select behind fx_new (exported for EXPLAIN in the bench). Three levels, each `offset 0` so
 * PostgreSQL computes a level's columns once per row instead of inlining their expressions
 * wherever the next level uses them: u joins the inputs, v scores, the outer level names and
 * builds the facts document.
 */
export function snapshotQuery(settings: ShopSettings, population: FactPopulation) {
  const ranges: RfmRanges | null = settings.rfm.scoring === 'quintiles' ? population.rfmQuintiles : settings.rfm.ranges;
  const scored = (s: (rg: RfmRanges) => RawBuilder<unknown>) => (ranges ? sql`case when u.recency_days is null then null else ${s(ranges)} end` : sql`null::int`);
  const tags = sql`case when u.manual_tags is null and cardinality(u.rule_tags) = 0 then '{}'::text[]
    else (select array_agg(x order by x collate "C") from (select distinct x from unnest(coalesce(u.manual_tags, '{}') || u.rule_tags) as d(x)) as dx) end`;
  const segment = sql<string | null>`(${segmentTable})[(v.r - 1) * 25 + (v.f - 1) * 5 + v.m]`;
  return sql`select v.customer_id, v.stage, ${tierOfRank(col('v.tier_rank'))}, v.tier_rank, v.stored_rank, ${segment}, v.tags, v.rule_tags,
      jsonb_build_object(
        'orderCount', v.order_count, 'totalSpend', v.total_spend, 'frequency', v.frequency, 'monetary', v.monetary,
        'recencyDays', v.recency_days, 'firstOrderAt', ${isoSql(col('v.first_at'))}, 'lastOrderAt', ${isoSql(col('v.last_at'))},
        'aov', case when v.order_count > 0 then round(v.total_spend / v.order_count, 2) end,
        'rfm', case when v.r is null then null else jsonb_build_object('r', v.r, 'f', v.f, 'm', v.m, 'segment', ${segment}) end,
        'lifecycleStage', v.stage, 'tier', ${tierOfRank(col('v.tier_rank'))}, 'tags', to_jsonb(v.tags), 'daysToBirthday', v.days_to_birthday)
    from (
      select u.customer_id, u.order_count, u.total_spend, u.frequency, u.monetary, u.recency_days, u.first_at, u.last_at, u.stored_rank, u.rule_tags,
        ${scored((rg) => score(col('u.recency_days'), col('cr.r'), rg.recencyDays, true))} as r,
        ${scored((rg) => score(col('u.frequency'), col('cr.f'), rg.frequency, false))} as f,
        ${scored((rg) => score(col('u.monetary'), col('cr.m'), rg.monetary, false))} as m,
        greatest(${earnedTierRank(col('u.order_count'), col('u.total_spend'), settings)}, u.stored_rank) as tier_rank,
        ${stageSql(col('u.recency_days'), stageBoundaries(settings, population))} as stage,
        ${tags} as tags,
        ${daysToBirthdaySql(col('u.birthday'), col('u.today'))} as days_to_birthday
      from (
        select coalesce(c.id, b.customer_id) as customer_id, c.birthday, coalesce(cz.today, sz.today) as today,
          ${tierRank(col('c.tier'))} as stored_rank,
          coalesce(b.order_count, 0) as order_count, coalesce(b.total_spend, 0) as total_spend,
          coalesce(b.frequency, 0) as frequency, coalesce(b.monetary, 0) as monetary,
          b.first_at, b.last_at, b.recency_days, fm.category as main_category,
          coalesce(b.price_tags, '{}') || coalesce(bt.tags, '{}') as rule_tags, mt.tags as manual_tags
        from customers c
        full join fx_base b on b.customer_id = c.id
        left join fx_bought bt on bt.customer_id = b.customer_id
        left join fx_main fm on fm.customer_id = b.customer_id
        left join fx_zones cz on cz.zone = c.timezone
        cross join (select today from fx_zones where zone = ${settings.timezone}) sz
        left join (select customer_id, array_agg(tag) as tags from customer_tags where source = 'manual' group by customer_id) mt
          on mt.customer_id = coalesce(c.id, b.customer_id)
        offset 0
      ) u
      left join fx_ranges cr on cr.category = u.main_category
      offset 0
    ) v`;
}
