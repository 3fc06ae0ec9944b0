import { sql } from 'kysely';
import type { FactChange, FactPopulation, LifecycleStage, ShopSettings, TierId } from '../../engine/index';
import type { Db } from '../db/database';
import { buyerBasics, computePopulationSql } from './bulk-basics';
import { newSnapshot } from './bulk-snapshot';

export interface BulkRefreshResult {
  population: FactPopulation;
  customers: number;
  changes: FactChange[];
  /** Milliseconds per step, for the bench and the logs. */
  timings: Record<string, number>;
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
  const timings: Record<string, number> = {};
  const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings[label] = Math.round(performance.now() - started);
    return result;
  };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
    // Room to sort and hash a million customers in memory rather than in temporary files.
    await sql`set local work_mem = '64MB'`.execute(trx);
    await step('basics', () => buyerBasics(trx, settings, asOf));
    const population = await step('population', () => computePopulationSql(trx));
    await storePopulation(trx, population);
    await step('facts', () => newSnapshot(trx, settings, asOf, population, customerZones));
    const changes = await step('changes', () => readChanges(trx));
    // A row that a per-customer refresh wrote after this transaction began is fresher: keep it.
    await step('snapshot', () => sql`insert into customer_facts (customer_id, as_of, computed_at, stage, tier, rfm_segment, tags, facts)
      select customer_id, ${asOf}::timestamptz, now(), stage, tier, rfm_segment, tags, facts from fx_new
      on conflict (customer_id) do update set as_of = excluded.as_of, computed_at = excluded.computed_at, stage = excluded.stage,
        tier = excluded.tier, rfm_segment = excluded.rfm_segment, tags = excluded.tags, facts = excluded.facts
      where customer_facts.computed_at <= excluded.computed_at`.execute(trx));
    await step('ruleTags', async () => {
      await sql`delete from customer_tags t where t.source = 'rule'
      and not exists (select 1 from fx_new n where n.customer_id = t.customer_id and t.tag = any(n.rule_tags))`.execute(trx);
    await sql`insert into customer_tags (customer_id, tag, source)
      select distinct n.customer_id, r.tag, 'rule' from fx_new n cross join unnest(n.rule_tags) as r(tag)
      where cardinality(n.rule_tags) > 0
      on conflict do nothing`.execute(trx);
    });
    // Tiers only go up: store the tier where it is above the stored one (ordinary needs no row).
    await step('tiers', () => sql`insert into customers (id, attributes, tier)
      select customer_id, '{}'::jsonb, tier from fx_new where tier_rank > greatest(coalesce(stored_rank, 0), 0)
      on conflict (id) do update set tier = excluded.tier`.execute(trx));
    const count = await sql<{ n: number }>`select count(*)::int as n from fx_new`.execute(trx);
    return { population, customers: count.rows[0]!.n, changes, timings };
  });
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
