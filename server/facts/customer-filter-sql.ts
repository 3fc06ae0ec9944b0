import { sql, type RawBuilder } from 'kysely';
import type { CustomerFilter } from '../../contract/customer-filters';
import { localDate } from '../../engine/index';
import type { Db } from '../db/database';
import { addDays, startOfLocalDay } from '../kpis/moments';

/** The instants the last-purchase filters compare `last_at` with (computed once, in JavaScript, as the KPIs do). */
export interface LastPurchaseBounds {
  /** last_at at or after this. */
  from?: Date;
  /** last_at before this. */
  before?: Date;
}

/**
 * The last-purchase filters as instants: days are counted in the shop's zone from the snapshot's
 * day (facts_snapshot.as_of, the day recencyDays and the stage in the list are counted from), so
 * "within 30 days" lists exactly the customers whose listed recencyDays is at most 30.
 */
export async function lastPurchaseBounds(db: Db, q: CustomerFilter): Promise<LastPurchaseBounds> {
  if (q.lastWithinDays === undefined && q.lastOverDays === undefined && q.lastFrom === undefined && q.lastTo === undefined) return {};
  const { rows } = await sql<{ as_of: Date | null; timezone: string }>`select as_of, timezone from facts_snapshot`.execute(db);
  const asOf = rows[0]?.as_of ?? null;
  const timezone = rows[0]?.timezone;
  const zone = timezone ?? 'Asia/Shanghai';
  const today = localDate(asOf ?? new Date(), zone);
  const dayStart = (date: string) => new Date(startOfLocalDay(date, zone));
  const later = (a: Date | undefined, b: Date) => (a === undefined || b > a ? b : a);
  const earlier = (a: Date | undefined, b: Date) => (a === undefined || b < a ? b : a);
  let bounds: LastPurchaseBounds = {};
  if (q.lastWithinDays !== undefined) bounds = { ...bounds, from: later(bounds.from, dayStart(addDays(today, -q.lastWithinDays))) };
  if (q.lastOverDays !== undefined) bounds = { ...bounds, before: earlier(bounds.before, dayStart(addDays(today, -q.lastOverDays))) };
  if (q.lastFrom !== undefined) bounds = { ...bounds, from: later(bounds.from, dayStart(q.lastFrom)) };
  if (q.lastTo !== undefined) bounds = { ...bounds, before: earlier(bounds.before, dayStart(addDays(q.lastTo, 1))) };
  return bounds;
}

export const needsProfile = (q: CustomerFilter) => q.region !== undefined || q.hasPhone !== undefined || q.hasEmail !== undefined;

const present = (column: 'phone' | 'email') => sql`(c.${sql.raw(column)} is not null and c.${sql.raw(column)} <> '')`;
const yes = (v: 'true' | 'false' | undefined) => v === 'true';
/** Yuan as cents, without floating point's 0.1 × 100 = 10.000000000000002 tipping a ceiling. */
const cents = (yuan: number) => Math.round(yuan * 100 * 1e6) / 1e6;

/**
 * The conditions of every filter but the stage's and the tag's, over the snapshot's stored rows
 * `customer_fact_rows r` (the stage and RFM segment stored as the customer_facts view derives them,
 * server/facts/stored-derived.ts) and, when needsProfile, `customers c`. Spend and orders compare
 * the stored whole cents and counts (spend in yuan × 100), last purchase the stored instant: plain
 * column comparisons the planner can use indexes for. The tag is the driving table (filteredFrom).
 */
export function filterConditions(q: CustomerFilter, last: LastPurchaseBounds): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (q.tier !== undefined) where.push(sql`r.tier = ${q.tier}`);
  if (q.rfm !== undefined) where.push(sql`r.rfm_segment = ${q.rfm}`);
  if (q.unsubscribed !== undefined)
    where.push(sql`r.customer_id in (select s.customer_id from customer_subscriptions s where s.channel = ${q.unsubscribed} and s.state = 'unsubscribed')`);
  if (q.spendMin !== undefined) where.push(sql`r.total_cents >= ${Math.ceil(cents(q.spendMin))}`);
  if (q.spendMax !== undefined) where.push(sql`r.total_cents <= ${Math.floor(cents(q.spendMax))}`);
  if (q.ordersMin !== undefined) where.push(sql`r.order_count >= ${q.ordersMin}`);
  if (q.ordersMax !== undefined) where.push(sql`r.order_count <= ${q.ordersMax}`);
  if (last.from !== undefined) where.push(sql`r.last_at >= ${last.from}`);
  if (last.before !== undefined) where.push(sql`r.last_at < ${last.before}`);
  if (q.region !== undefined) where.push(sql`c.region = ${q.region}`);
  if (q.hasPhone !== undefined) where.push(yes(q.hasPhone) ? present('phone') : sql`not ${present('phone')}`);
  if (q.hasEmail !== undefined) where.push(yes(q.hasEmail) ? present('email') : sql`not ${present('email')}`);
  return where;
}

/**
 * `from customer_fact_rows r` with the joins the filters need (the profile always for a page).
 * A tag drives the statement: its customers in id order from the tag's index (tag, customer_id),
 * each joined to its row — so a page of a rare tag reads that tag's few rows, not the snapshot's
 * key from the cursor on until enough of them turned up (a tag of 0.1 % read about 50,000 rows a
 * page that way). A customer tagged both by hand and by a rule is one row of `t`. After a cursor
 * every joined table starts there too: a merge join otherwise walks the joined table's key from
 * its first row to the cursor (a page past 90 % of a million customers took 240 ms for that alone).
 */
export function filteredFrom(q: CustomerFilter, profile: 'left join' | 'none', cursor?: string): RawBuilder<unknown> {
  const after = (column: string) => (cursor === undefined ? sql`` : sql` and ${sql.ref(column)} > ${cursor}`);
  const joinProfile = needsProfile(q)
    ? sql` join customers c on c.id = r.customer_id${after('c.id')}`
    : profile === 'left join'
      ? sql` left join customers c on c.id = r.customer_id${after('c.id')}`
      : sql``;
  if (q.tag === undefined) return sql`from customer_fact_rows r${joinProfile}`;
  const tagged = sql`(select distinct t.customer_id from customer_tags t where t.tag = ${q.tag}${after('t.customer_id')}) t`;
  return sql`from ${tagged} join customer_fact_rows r on r.customer_id = t.customer_id${after('r.customer_id')}${joinProfile}`;
}

/** `where a and b …`, or nothing. */
export const whereAll = (conditions: RawBuilder<unknown>[]) => (conditions.length === 0 ? sql`` : sql` where ${sql.join(conditions, sql` and `)}`);

/**
 * Runs a list or count statement with the planner settings it needs, in a transaction of its own
 * (`set local`). JIT off: these statements are costed far above jit_above_cost at a million rows,
 * and compiling them took seconds for a query that runs in milliseconds. For a page, sequential
 * and bitmap scans off: with a low guess of the matches the planner scans (sequentially, or by a
 * bitmap of the key range after a cursor) and sorts every row for 50 of them; walking the primary
 * key in id order stops after a page of matches. A tag still starts from its own index. No
 * parallel workers for a page.
 */
export function withListPlan<T>(db: Db, kind: 'page' | 'count', run: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    if (kind === 'page') {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      // Starting parallel workers costs more than walking to one page of matches.
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    }
    return run(trx);
  });
}
