import { sql, type RawBuilder } from 'kysely';
import { type FactChange, type FactPopulation, type LifecycleStage, type RfmRanges, type ShopSettings, type TierId } from '../../engine/index';
import type { Db } from '../db/database';
import { buyerBasics, computePopulationSql } from './bulk-basics';
import { daysToBirthdaySql, earnedTierRank, isoSql, rfmScores, segmentSql, stageSql, tierOfRank, tierRank } from './bulk-expressions';

export interface BulkRefreshResult {
  population: FactPopulation;
  customers: number;
  changes: FactChange[];
}

/** Serialises bulk refreshes (the daily schedule and a manual one) so they never interleave. */
const REFRESH_LOCK = 72_630_301;

/**
 * Every customer's facts as of `asOf`, in set-based SQL inside one transaction: the buyers' basics
 * (one GROUP BY over the counted orders), the population boundaries (percentile_disc), then the
 * scores, stage, tier, tags and birthday of every customer into a temporary table, from which the
 * snapshot, rule tags and raised tiers are written and the changes against the previous snapshot
 * read. Nothing goes row by row through JavaScript.
 */
export async function bulkRefresh(
  db: Db,
  settings: ShopSettings,
  asOf: Date,
  customerZones: string[],
  storePopulation: (trx: Db, population: FactPopulation) => Promise<void>,
): Promise<BulkRefreshResult> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
    await buyerBasics(trx, settings, asOf);
    const population = await computePopulationSql(trx);
    await storePopulation(trx, population);
    await newSnapshot(trx, settings, asOf, population, customerZones);
    const changes = await readChanges(trx);
    // A row that a per-customer refresh wrote after this transaction began is fresher: keep it.
    await sql`insert into customer_facts (customer_id, as_of, computed_at, stage, tier, rfm_segment, tags, facts)
      select customer_id, ${asOf}::timestamptz, now(), stage, tier, rfm_segment, tags, facts from fx_new
      on conflict (customer_id) do update set as_of = excluded.as_of, computed_at = excluded.computed_at, stage = excluded.stage,
        tier = excluded.tier, rfm_segment = excluded.rfm_segment, tags = excluded.tags, facts = excluded.facts
      where customer_facts.computed_at <= excluded.computed_at`.execute(trx);
    await sql`delete from customer_tags t where t.source = 'rule'
      and not exists (select 1 from fx_new n where n.customer_id = t.customer_id and t.tag = any(n.rule_tags))`.execute(trx);
    await sql`insert into customer_tags (customer_id, tag, source)
      select distinct n.customer_id, r.tag, 'rule' from fx_new n cross join unnest(n.rule_tags) as r(tag)
      where cardinality(n.rule_tags) > 0
      on conflict do nothing`.execute(trx);
    // Tiers only go up: store the tier where it is above the stored one (ordinary needs no row).
    await sql`insert into customers (id, attributes, tier)
      select customer_id, '{}'::jsonb, tier from fx_new where tier_rank > greatest(coalesce(stored_rank, 0), 0)
      on conflict (id) do update set tier = excluded.tier`.execute(trx);
    const count = await sql<{ n: number }>`select count(*)::int as n from fx_new`.execute(trx);
    return { population, customers: count.rows[0]!.n, changes };
  });
}

/** The boundaries of the lifecycle stages: the shop's windows, or the ratio split of the population. */
export function stageBoundaries(settings: ShopSettings, population: FactPopulation | null): [number, number, number] {
  const l = settings.lifecycle;
  return l.mode === 'ratio' && population?.lifecycleRatio ? population.lifecycleRatio : [l.activeDays, l.silentDays, l.sleepingDays];
}

/** fx_new: every customer (profile or buyer) with their stage, tier, segment, tags and facts. */
async function newSnapshot(trx: Db, settings: ShopSettings, asOf: Date, population: FactPopulation, customerZones: string[]) {
  await sql`create temporary table fx_new (
    customer_id text primary key, stage text not null, tier text not null, tier_rank int not null, stored_rank int,
    rfm_segment text, tags text[] not null, rule_tags text[] not null, facts jsonb not null
  ) on commit drop`.execute(trx);
  const ranges: RfmRanges | null = settings.rfm.scoring === 'quintiles' ? population.rfmQuintiles : settings.rfm.ranges;
  const byCategory = settings.rfm.scoring === 'ranges' ? settings.rfm.byCategory : {};
  const col = (name: string) => sql.raw(name) as RawBuilder<unknown>;
  const rg = sql`coalesce(${JSON.stringify(byCategory)}::jsonb -> u.main_category, ${JSON.stringify(ranges)}::jsonb)`;
  const { r, f, m } = rfmScores(col('u.recency_days'), col('u.frequency'), col('u.monetary'), col('s.rg'));
  const today = sql`(${asOf}::timestamptz at time zone u.zone)::date`;
  await sql`insert into fx_new (customer_id, stage, tier, tier_rank, stored_rank, rfm_segment, tags, rule_tags, facts)
    with u as (
      select coalesce(c.id, b.customer_id) as customer_id, c.birthday,
        case when c.timezone = any(${customerZones}::text[]) then c.timezone else ${settings.timezone}::text end as zone,
        ${tierRank(col('c.tier'))} as stored_rank,
        coalesce(b.order_count, 0) as order_count, coalesce(b.total_spend, 0) as total_spend,
        coalesce(b.frequency, 0) as frequency, coalesce(b.monetary, 0) as monetary,
        b.first_at, b.last_at, b.recency_days, fm.category as main_category,
        coalesce(b.price_tags, '{}') || coalesce(bt.tags, '{}') as rule_tags, mt.tags as manual_tags
      from customers c
      full join fx_base b on b.customer_id = c.id
      left join fx_bought bt on bt.customer_id = b.customer_id
      left join fx_main fm on fm.customer_id = b.customer_id
      left join (select customer_id, array_agg(tag) as tags from customer_tags where source = 'manual' group by customer_id) mt
        on mt.customer_id = coalesce(c.id, b.customer_id)
    ), s as (
      select u.customer_id, ${rg} as rg,
        greatest(${earnedTierRank(col('u.order_count'), col('u.total_spend'), settings)}, u.stored_rank) as tier_rank,
        case when u.manual_tags is null and cardinality(u.rule_tags) = 0 then '{}'::text[]
          else (select array_agg(x order by x collate "C") from (select distinct x from unnest(coalesce(u.manual_tags, '{}') || u.rule_tags) as d(x)) as dx) end as tags,
        ${daysToBirthdaySql(col('u.birthday'), today)} as days_to_birthday
      from u
    ), scored as (
      select u.*, s.tier_rank, s.tags, s.days_to_birthday,
        case when u.recency_days is null or s.rg is null or jsonb_typeof(s.rg) = 'null' then null else ${r} end as r,
        case when u.recency_days is null or s.rg is null or jsonb_typeof(s.rg) = 'null' then null else ${f} end as f,
        case when u.recency_days is null or s.rg is null or jsonb_typeof(s.rg) = 'null' then null else ${m} end as m,
        ${stageSql(col('u.recency_days'), stageBoundaries(settings, population))} as stage
      from u join s on s.customer_id = u.customer_id
    ), named as (
      select scored.*, ${tierOfRank(col('scored.tier_rank'))} as tier,
        case when r is null then null else ${segmentSql(col('r'), col('f'), col('m'))} end as segment
      from scored
    )
    select customer_id, stage, tier, tier_rank, stored_rank, segment, coalesce(tags, '{}'), rule_tags,
      jsonb_build_object(
        'orderCount', order_count, 'totalSpend', total_spend, 'frequency', frequency, 'monetary', monetary,
        'recencyDays', recency_days, 'firstOrderAt', ${isoSql(col('first_at'))}, 'lastOrderAt', ${isoSql(col('last_at'))},
        'aov', case when order_count > 0 then round(total_spend / order_count, 2) end,
        'rfm', case when r is null then null else jsonb_build_object('r', r, 'f', f, 'm', m, 'segment', segment) end,
        'lifecycleStage', stage, 'tier', tier, 'tags', to_jsonb(coalesce(tags, '{}')), 'daysToBirthday', days_to_birthday)
    from named`.execute(trx);
}

interface ChangeRow {
  customer_id: string;
  had: boolean;
  old_stage: string | null;
  stage: string;
  old_tier: string | null;
  tier: string;
  added: string[] | null;
}

/** The changes of fx_new against the stored snapshot (read before it is overwritten). */
async function readChanges(trx: Db): Promise<FactChange[]> {
  const rows = await sql<ChangeRow>`select n.customer_id, o.customer_id is not null as had, o.stage as old_stage, n.stage, o.tier as old_tier, n.tier,
      array(select t from unnest(n.tags) as t where o.tags is null or not (t = any(o.tags)) order by t collate "C") as added
    from fx_new n left join customer_facts o on o.customer_id = n.customer_id
    where (o.customer_id is null and (n.stage <> 'none' or n.tier <> 'ordinary' or cardinality(n.tags) > 0))
       or (o.customer_id is not null and (o.stage <> n.stage or o.tier <> n.tier or not (n.tags <@ o.tags)))`.execute(trx);
  return rows.rows.flatMap((row) => changesOf(row));
}

/** The changes of one customer: a first snapshot counts only where it is not `none` / `ordinary`. */
export function changesOf(row: ChangeRow): FactChange[] {
  const changes: FactChange[] = [];
  const id = row.customer_id;
  if (row.had ? row.old_stage !== row.stage : row.stage !== 'none') {
    changes.push({ customerId: id, kind: 'stage_changed', from: (row.had ? row.old_stage : null) as LifecycleStage | null, to: row.stage as LifecycleStage });
  }
  if (row.had ? row.old_tier !== row.tier : row.tier !== 'ordinary') {
    changes.push({ customerId: id, kind: 'tier_changed', from: (row.had ? row.old_tier : null) as TierId | null, to: row.tier as TierId });
  }
  for (const tag of row.added ?? []) changes.push({ customerId: id, kind: 'tagged', tag });
  return changes;
}
