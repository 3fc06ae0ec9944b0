import { sql } from 'kysely';
import type { FactChange, FactPopulation, ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { buyerBasics, computePopulationSql } from './bulk-basics';
import { derivedTagNames, writeDerivedTags } from './bulk-derived-tags';
import { writeSnapshot, writeViewParameters } from './bulk-snapshot';
import { recordChanges } from './change-events';
import { storeDerivedFacts } from './stored-derived';
import { recomputeSegments } from '../segments/membership';
import { clearMarks, collectScope, planRefresh, refreshBasis, type RefreshMode } from './refresh-scope';

export interface BulkRefreshResult {
  population: FactPopulation;
  customers: number;
  /** The changes against the previous snapshot, already stored as events (change-events.ts). */
  changes: FactChange[];
  eventsStored: number;
  /** Full, or the changed customers only (with how many were recomputed, and why a full one). */
  mode: RefreshMode;
  reason?: string;
  recomputed?: number;
  /** Milliseconds per step, for the bench and the logs. */
  timings: Record<string, number>;
}

/**
 * Hooks of a refresh run only to see its effect (the settings preview): `before` runs once the
 * refresh holds its lock, before anything is written; `after` once the new snapshot, the view's
 * parameters and the change rows (fx_changes) are in place, and must throw so nothing commits.
 */
export interface Rehearsal {
  before(trx: Db): Promise<void>;
  after(trx: Db): Promise<never>;
}

/** Serialises bulk refreshes (the daily schedule and a manual one) so they never interleave. */
const REFRESH_LOCK = 72_630_301;

/**
 * Every customer's facts as of `asOf`, in set-based SQL inside one transaction. A full refresh
 * takes the buyers' basics from one GROUP BY over the counted orders; the daily one (`changed`,
 * refresh-scope.ts) from the orders of the customers whose stored values may have moved since the
 * last refresh. Then the stored rows (only those that differ), the population boundaries over the
 * stored rows, the view's parameters, the stage and RFM segment rules' tags (decided on what the
 * view derives), the rule tags in customer_tags, and the changes against the previous
 * snapshot, stored as events in the same transaction. Nothing goes row by row through JavaScript
 * but the changes it returns.
 */
export async function bulkRefresh(
  db: Db,
  settings: ShopSettings,
  asOf: Date,
  customerZones: string[],
  storePopulation: (trx: Db, population: FactPopulation) => Promise<void>,
  options: { full?: boolean; rehearse?: Rehearsal } = {},
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
    // Room to hash a million customers in memory rather than in temporary files; JIT compiling
    // these one-off statements costs seconds and saves little.
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    await options.rehearse?.before(trx);
    const basis = refreshBasis(settings);
    const plan = await step('plan', () => planRefresh(trx, settings, asOf, basis, options.full ?? false));
    const scoped = plan.mode === 'changed';
    const recomputed = plan.mode === 'changed' ? await step('scope', () => collectScope(trx, settings, plan.lastAsOf, asOf)) : undefined;
    await step('basics', () => buyerBasics(trx, settings, asOf, scoped));
    await writeSnapshot(trx, settings, customerZones, scoped, step);
    const population = await step('population', () => computePopulationSql(trx, asOf, settings.timezone));
    await storePopulation(trx, population);
    await writeViewParameters(trx, settings, population, asOf);
    // The day moved (or the settings did): every row's stage and segment as the view now derives them.
    await step('derived', () => storeDerivedFacts(trx));
    // The stage and RFM segment rules decide on what the view derives with these parameters.
    await step('derivedTags', () => writeDerivedTags(trx, settings, scoped));
    await step('ruleTags', () => writeRuleTags(trx, scoped, derivedTagNames(settings)));
    await sql`update facts_snapshot set basis = ${basis}`.execute(trx);
    const recorded = await step('changes', () => recordChanges(trx, asOf, settings.timezone, plan.mode === 'full' && plan.firstSnapshot));
    // Segment memberships on the new snapshot, their entries and leavings stored as events with the changes.
    await step('segments', () => recomputeSegments(trx, { asOf, timezone: settings.timezone }));
    // A rehearsal reads what the refresh did and throws, which rolls all of it back.
    await options.rehearse?.after(trx);
    // Last: clearing many marks at once holds off new ones until the commit.
    await step('marks', () => clearMarks(trx));
    const count = await sql<{ n: number }>`select count(*)::int as n from customer_fact_rows`.execute(trx);
    return {
      population,
      customers: count.rows[0]!.n,
      changes: recorded.changes,
      eventsStored: recorded.eventsStored,
      mode: plan.mode,
      ...(plan.mode === 'full' ? { reason: plan.reason } : {}),
      ...(recomputed !== undefined ? { recomputed } : {}),
      timings,
    };
  });
}

/**
 * The rule tags in customer_tags (source 'rule'), so tag filters find them: added and withdrawn —
 * for the scope's customers alone when scoped, except the stage and RFM segment rules' tags
 * (`derived`), decided for everyone.
 */
async function writeRuleTags(trx: Db, scoped: boolean, derived: string[]): Promise<void> {
  await sql`create temporary table fx_rule_tags on commit drop as
    select distinct customer_id, tag from (
      select customer_id, unnest(order_tags) as tag from fx_base where cardinality(order_tags) > 0
      union all select customer_id, unnest(tags) from fx_bought
      union all select customer_id, tag from fx_derived_tags
    ) t`.execute(trx);
  await sql`delete from customer_tags t where t.source = 'rule'
    ${scoped ? sql`and (t.customer_id in (select customer_id from fx_scope) or t.tag = any(${derived}::text[]))` : sql``}
    and not exists (select 1 from fx_rule_tags n where n.customer_id = t.customer_id and n.tag = t.tag)`.execute(trx);
  await sql`insert into customer_tags (customer_id, tag, source) select customer_id, tag, 'rule' from fx_rule_tags on conflict do nothing`.execute(trx);
}
