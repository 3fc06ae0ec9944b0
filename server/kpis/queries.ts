import { sql } from 'kysely';
import { countedStatuses, tierIds, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import type { TrendPoint } from './moments';

/*
 * Set-based SQL over `orders`, the same text on PGlite and PostgreSQL. Instants come in as ISO
 * strings cast to timestamptz; calendar dates are `(instant at time zone tz)::date`, so day
 * boundaries are the shop's whatever the session time zone is. Counted orders are the engine's
 * `countedStatuses`, placed at or before asOf.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const counted = sql.join(countedStatuses.map((s) => sql.lit(s)));
const tierNames = sql.raw(`array[${tierIds.map((t) => `'${t}'`).join(', ')}]`);

export interface CustomerGroupRow {
  kind: 'stage' | 'repurchase' | 'tier' | 'none';
  /** Days from the last counted purchase to asOf (stage) or to the period start (repurchase). */
  recency: number | null;
  earned: string | null;
  stored: string | null;
  customers: number;
  repurchased: number;
}

/**
 * One pass over each customer's counted orders as of asOf, returned grouped: customers by recency
 * at asOf (stages), by recency at the period start with how many bought in the period (repurchase
 * windows), by earned and stored tier, and the customers on file without a counted order. The
 * callers apply the engine's own stage and tier rules to these few groups.
 */
export async function customerGroups(
  db: Db,
  input: { asOf: number; periodStart: number; asOfDate: string; periodStartDate: string; settings: ShopSettings },
): Promise<CustomerGroupRow[]> {
  const { asOf, periodStart, settings } = input;
  const tz = settings.timezone;
  const result = await sql<CustomerGroupRow>`
    with per_customer as materialized (
      select customer_id,
        count(*) as order_count,
        sum(amount) as total_spend,
        max(created_at) as last_at,
        max(created_at) filter (where created_at <= ${iso(periodStart)}::timestamptz) as last_before_period,
        bool_or(created_at > ${iso(periodStart)}::timestamptz) as bought_in_period
      from orders
      where status in (${counted}) and created_at <= ${iso(asOf)}::timestamptz
      group by customer_id
    )
    select 'stage' as kind, (${input.asOfDate}::date - (last_at at time zone ${tz})::date)::int as recency,
      null::text as earned, null::text as stored, count(*)::int as customers, 0 as repurchased
    from per_customer group by 2
    union all
    select 'repurchase', (${input.periodStartDate}::date - (last_before_period at time zone ${tz})::date)::int,
      null, null, count(*)::int, (count(*) filter (where bought_in_period))::int
    from per_customer where last_before_period is not null group by 2
    union all
    select 'tier', null, ${earnedTierSql(settings)}, k.tier, count(*)::int, 0
    from per_customer p full join (
      -- The tier each customer keeps: the higher of the profile's and their facts row's.
      select coalesce(c.id, f.customer_id) as id,
        (${tierNames})[greatest(array_position(${tierNames}, c.tier), array_position(${tierNames}, f.tier))] as tier
      from customers c full join customer_fact_rows f on f.customer_id = c.id
      where c.tier is not null or f.tier <> 'ordinary'
    ) k on k.id = p.customer_id
    group by 3, 4
    union all
    select 'none', null, null, null, count(*)::int, 0
    from customers c where not exists (select 1 from per_customer p where p.customer_id = c.id)
  `.execute(db);
  return result.rows;
}

/**
 * The engine's `earnedTier` as a CASE over lifetime counted orders and spend: the highest tier
 * whose rule is met (spend at least minSpend, or orders at least minOrders; a rule of zeros always
 * holds). Null for customers without counted orders.
 */
function earnedTierSql(settings: ShopSettings) {
  const rules = [...settings.tiers].sort((a, b) => tierIds.indexOf(b.id) - tierIds.indexOf(a.id));
  const whens = rules.map((rule) => {
    const tests = [
      ...(rule.minSpend > 0 ? [sql`p.total_spend >= ${rule.minSpend}`] : []),
      ...(rule.minOrders > 0 ? [sql`p.order_count >= ${rule.minOrders}`] : []),
    ];
    const holds = tests.length === 0 ? sql`true` : sql.join(tests, sql` or `);
    return sql`when ${holds} then ${sql.lit(rule.id)}`;
  });
  return sql`case when p.customer_id is null then null ${sql.join(whens, sql` `)} else 'ordinary' end`;
}

export interface TrendRow {
  i: number;
  buyers: number;
  returning: number;
  orders: number;
  spend: string | null;
  month_buyers: number;
}

/**
 * For each trend point (the last one is asOf itself): buyers with a counted order in the 365 days
 * before it, how many of them bought before that window or at least twice in it, their orders and
 * spend, and how many bought in the point's month.
 *
 * Without grouping by customer per point: each counted order knows its customer's previous and
 * next counted order (one sort), so a customer is counted once, at their first order inside the
 * window (no previous order, or the previous one before the window); they are returning when
 * that previous order exists (bought before the window) or the next one is still inside it
 * (bought twice). The same trick counts the month's buyers.
 */
export async function trendRows(db: Db, points: (TrendPoint & { windowStart: number })[], asOf: number): Promise<TrendRow[]> {
  const values = sql.join(
    points.map((p, i) => sql`(${i}::int, ${iso(p.at)}::timestamptz, ${iso(p.windowStart)}::timestamptz, ${iso(p.monthStart)}::timestamptz)`),
  );
  const earliest = Math.min(...points.map((p) => p.windowStart));
  const result = await sql<TrendRow>`
    with pts (i, at, window_start, month_start) as (values ${values}),
    seq as (
      select created_at, amount,
        lag(created_at) over w as prev_at,
        lead(created_at) over w as next_at
      from orders
      where status in (${counted}) and created_at <= ${iso(asOf)}::timestamptz
      window w as (partition by customer_id order by created_at, id)
    ),
    recent as materialized (select * from seq where created_at > ${iso(earliest)}::timestamptz)
    select p.i,
      (count(*) filter (where s.prev_at is null or s.prev_at <= p.window_start))::int as buyers,
      (count(*) filter (where (s.prev_at is null or s.prev_at <= p.window_start) and (s.prev_at is not null or s.next_at <= p.at)))::int as returning,
      count(*)::int as orders,
      sum(s.amount)::text as spend,
      (count(*) filter (where s.created_at >= p.month_start and (s.prev_at is null or s.prev_at < p.month_start)))::int as month_buyers
    from pts p join recent s on s.created_at > p.window_start and s.created_at <= p.at
    group by p.i
  `.execute(db);
  return result.rows;
}

export interface SnapshotRow {
  segment: string | null;
  customers: number;
  as_of: Date | null;
}

/** RFM segments from the customer_facts snapshot, and when it was computed (its latest as_of). */
export async function rfmSnapshot(db: Db): Promise<{ segments: Record<string, number>; asOf: string | null }> {
  const result = await sql<SnapshotRow>`
    select rfm_segment as segment, count(*)::int as customers, max(as_of) as as_of
    from customer_facts group by rfm_segment
  `.execute(db);
  const segments: Record<string, number> = {};
  let latest: number | null = null;
  for (const row of result.rows) {
    if (row.segment !== null) segments[row.segment] = row.customers;
    const at = row.as_of === null ? null : new Date(row.as_of).getTime();
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return { segments, asOf: latest === null ? null : iso(latest) };
}
