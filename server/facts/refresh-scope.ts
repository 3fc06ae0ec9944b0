import { sql } from 'kysely';
import { isDerivedFactRule, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { needsCategories } from './customer-inputs';

/**
 * How a bulk refresh goes:
 * - `full`: every customer's stored values from all their orders (the first refresh, and whenever
 *   what they were computed on changed);
 * - `changed`: only the customers whose stored values may have moved since the last refresh — the
 *   daily run, where the rest keep their rows and the view derives their day-dependent facts.
 */
export type RefreshMode = 'full' | 'changed';

/**
 * A full refresh with its reason (for the logs and the API's answer) — the first snapshot when no
 * bulk refresh stored one before (it announces no change for customers without an earlier row,
 * change-events.ts) — or a `changed` one from the last refresh's asOf.
 */
export type RefreshPlan = { mode: 'full'; reason: string; firstSnapshot: boolean } | { mode: 'changed'; lastAsOf: Date };

/** Bump when the stored values are computed differently, so the next refresh rebuilds them all. */
const STORED_VALUES_VERSION = 1;

/**
 * What the stored values depend on besides the customers' own rows: the settings. (A customer's
 * zone is stored when the database knows it — that changes only with their profile, which marks
 * them.) A refresh of the changed customers alone is right only on the same basis.
 */
export function refreshBasis(settings: ShopSettings): string {
  return JSON.stringify({ version: STORED_VALUES_VERSION, settings });
}

/**
 * Chooses the mode and takes the marks (migration 0009-facts-changes) this refresh will answer for
 * into fx_marks / fx_input_marks, before any order is read: every change they stand for is then
 * visible to the statements that follow. A full refresh answers for all of them.
 */
export async function planRefresh(trx: Db, settings: ShopSettings, asOf: Date, basis: string, full: boolean): Promise<RefreshPlan> {
  await sql`create temporary table fx_marks on commit drop as select customer_id, seq from facts_dirty`.execute(trx);
  await sql`create temporary table fx_input_marks on commit drop as select input, seq from facts_dirty_inputs`.execute(trx);
  const { rows } = await sql<{ as_of: Date | null; basis: string | null; any_rows: boolean; products: boolean }>`select s.as_of, s.basis,
      exists (select 1 from customer_fact_rows) as any_rows,
      exists (select 1 from fx_input_marks where input = 'products') as products
    from facts_snapshot s`.execute(trx);
  const last = rows[0];
  if (!last || !last.any_rows || !last.as_of) return { mode: 'full', reason: full ? 'asked for' : 'no earlier snapshot', firstSnapshot: true };
  const again = (reason: string) => ({ mode: 'full' as const, reason, firstSnapshot: false });
  if (full) return again('asked for');
  if (last.basis !== basis) return again('settings changed');
  if (asOf.getTime() < new Date(last.as_of).getTime()) return again('asOf before the last refresh');
  if (last.products && needsCategories(settings)) return again('products changed');
  if (sharedDerivedTags(settings)) return again('a tag given both by a stage or RFM segment rule and by another rule');
  return { mode: 'changed', lastAsOf: new Date(last.as_of) };
}

/**
 * Whether a stage or RFM segment rule gives a tag another kind of rule gives too. The derived-tags
 * pass (bulk-derived-tags.ts) tells a derived tag from the others by its name when it updates the
 * customers outside a `changed` refresh's scope, so such shared names need a full refresh.
 */
export function sharedDerivedTags(settings: ShopSettings): boolean {
  const derived = new Set(settings.tagRules.filter(isDerivedFactRule).map((r) => r.tag));
  return settings.tagRules.some((r) => !isDerivedFactRule(r) && derived.has(r.tag));
}

/**
 * The customers a `changed` refresh recomputes, into fx_scope: those marked since the last refresh
 * (orders, profile, manual tags), rows a per-customer refresh wrote as of its own moment, and the
 * buyers whose frequency and monetary moved because days passed — an order left the RFM window,
 * or entered the asOf range — and those with an order that left a window tag rule's window. (Stage
 * and RFM segment rules move with the day for everyone: bulk-derived-tags.ts covers them.)
 */
export async function collectScope(trx: Db, settings: ShopSettings, lastAsOf: Date, asOf: Date): Promise<number> {
  const window = settings.rfm.windowDays * 86_400_000;
  const lastWindowStart = new Date(lastAsOf.getTime() - window);
  const windowStart = new Date(asOf.getTime() - window);
  await sql`create temporary table fx_scope (customer_id text primary key) on commit drop`.execute(trx);
  const result = await sql`insert into fx_scope
    select customer_id from fx_marks
    union select customer_id from customer_fact_rows where as_of is not null
    union select customer_id from orders where created_at > ${lastWindowStart}::timestamptz and created_at <= ${windowStart}::timestamptz
    union select customer_id from orders where created_at > ${lastAsOf}::timestamptz and created_at <= ${asOf}::timestamptz
    ${sql.join(
      windowDays(settings).map(
        (days) =>
          sql`union select customer_id from orders where created_at > ${new Date(lastAsOf.getTime() - days * 86_400_000)}::timestamptz
            and created_at <= ${new Date(asOf.getTime() - days * 86_400_000)}::timestamptz`,
      ),
      sql` `,
    )}`.execute(trx);
  await sql`analyze fx_scope`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** The distinct windows of the window tag rules, in days. */
const windowDays = (settings: ShopSettings) => [
  ...new Set(settings.tagRules.flatMap((r) => (r.kind === 'spend-in-window' || r.kind === 'orders-in-window' ? [r.days] : []))),
];

/** From this many marks on, clearMarks tries to empty the table at once rather than row by row. */
const MANY_MARKS = 10_000;

/**
 * Removes the marks this refresh answered for; a customer marked again meanwhile keeps the new
 * mark. Run last in the refresh's transaction. Many marks (a bulk import leaves one per customer)
 * go at once when no other was made since they were read: deleting a million rows one by one took
 * 1–1.5 s, emptying the table takes milliseconds.
 */
export async function clearMarks(trx: Db): Promise<void> {
  await sql`delete from facts_dirty_inputs d using fx_input_marks m where d.input = m.input and d.seq = m.seq`.execute(trx);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from fx_marks`.execute(trx);
  if (rows[0]!.n >= MANY_MARKS && (await emptiedAtOnce(trx))) return;
  await sql`delete from facts_dirty d using fx_marks m where d.customer_id = m.customer_id and d.seq = m.seq`.execute(trx);
}

/**
 * Empties facts_dirty when it holds exactly the marks read (fx_marks), under a lock that holds off
 * new marks until the refresh commits. Only a refresh deletes marks and a mark's number only grows,
 * so the same count and the same sum of numbers mean the same marks. The lock is waited for briefly:
 * a writer that marked and now waits for this refresh (its facts row, say) would otherwise
 * deadlock with it; then the marks go row by row instead. Returns whether the table was emptied.
 */
async function emptiedAtOnce(trx: Db): Promise<boolean> {
  await sql`savepoint marks_at_once`.execute(trx);
  try {
    await sql`set local lock_timeout = '200ms'`.execute(trx);
    await sql`lock table facts_dirty in access exclusive mode`.execute(trx);
  } catch {
    await sql`rollback to savepoint marks_at_once`.execute(trx);
    return false;
  }
  await sql`set local lock_timeout to default`.execute(trx);
  await sql`release savepoint marks_at_once`.execute(trx);
  const { rows } = await sql<{ same: boolean }>`select (select row(count(*), coalesce(sum(seq), 0)) from facts_dirty)
    = (select row(count(*), coalesce(sum(seq), 0)) from fx_marks) as same`.execute(trx);
  if (!rows[0]!.same) return false;
  await sql`truncate facts_dirty`.execute(trx);
  return true;
}
