import { sql } from 'kysely';
import { minSpendCents, scoresByCategory, type FactPopulation, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { boughtRules, countedSql, discountedSql, priceRules, windowRules } from './bulk-expressions';

/**
 * The buyers' basics as of `asOf` into temporary tables (dropped at commit):
 * - fx_base: baseFacts per buyer — one GROUP BY over the counted orders up to asOf (money in
 *   whole cents, as the engine sums it) — and the rule tags decided on the orders alone (ruleTags:
 *   price-sensitive, spend and orders in a window);
 * - fx_bought: the bought-product / bought-category rule tags (only when such rules exist);
 * - fx_main: mainCategory in the RFM window (only when per-category ranges are in use).
 * `scoped`: only the customers in fx_scope (refresh-scope.ts), their orders found by the index
 * orders(customer_id, created_at) rather than by reading every order.
 */
export async function buyerBasics(trx: Db, settings: ShopSettings, asOf: Date, scoped: boolean): Promise<void> {
  const windowStart = new Date(asOf.getTime() - settings.rfm.windowDays * 86_400_000);
  const inWindow = sql`o.created_at > ${windowStart}::timestamptz`;
  const orders = scoped ? sql`fx_scope s join orders o on o.customer_id = s.customer_id` : sql`orders o`;
  // The scope is a small share of the customers, whose orders the index on orders(customer_id,
  // created_at) finds: costed for spinning disks (the default 4), the planner reads every order
  // instead (seen: 3.9 s against 2.0 s by the index for 12k customers of 1M). Scopes as large as
  // the whole stock (after a big import) still get the scan.
  if (scoped) await sql`set local random_page_cost = 1.1`.execute(trx);
  const cents = sql`(o.amount * 100)::bigint`;
  // The rule tags decided on a buyer's counted orders alone: price-sensitive and the windows.
  const price = priceRules(settings).map(
    ({ rule, bp }) => sql`case when count(*) filter (where ${discountedSql(bp)}) * 2 > count(*) then ${rule.tag}::text end`,
  );
  const windows = windowRules(settings, asOf).map(({ rule, start }) =>
    rule.kind === 'spend-in-window'
      ? sql`case when coalesce(sum_cents(${cents}) filter (where o.created_at > ${start}::timestamptz), 0) >= ${minSpendCents(rule.minSpend)}::bigint then ${rule.tag}::text end`
      : sql`case when count(*) filter (where o.created_at > ${start}::timestamptz) >= ${rule.minOrders}::int then ${rule.tag}::text end`,
  );
  const decided = [...price, ...windows];
  const orderTags = decided.length > 0 ? sql`array_remove(array[${sql.join(decided)}], null)` : sql`'{}'::text[]`;
  // Created from its query (no key, nothing to maintain per row). Amounts have two decimals, so
  // each is a whole number of cents, summed by sum_cents (migration 0011) with a bigint state
  // rather than sum over numeric (arbitrary precision, and large partial states to hand between
  // parallel workers): 10M orders took 7.4–7.7 s in numeric and 4.5 s so.
  await sql`create temporary table fx_base on commit drop as
    select o.customer_id, count(*)::int as order_count, sum_cents(${cents}) as total_cents,
      (count(*) filter (where ${inWindow}))::int as frequency,
      coalesce(sum_cents(${cents}) filter (where ${inWindow}), 0) as monetary_cents,
      min(o.created_at) as first_at, max(o.created_at) as last_at,
      ${orderTags}::text[] as order_tags
    from ${orders}
    where ${countedSql} and o.created_at <= ${asOf}::timestamptz
    group by o.customer_id`.execute(trx);
  await sql`analyze fx_base`.execute(trx);

  await sql`create temporary table fx_bought (customer_id text not null, tags text[] not null) on commit drop`.execute(trx);
  const bought = boughtRules(settings);
  if (bought.length > 0) {
    await sql`create temporary table fx_rule_products (product_id text not null, tag text not null) on commit drop`.execute(trx);
    for (const { rule } of bought) {
      if (rule.kind === 'bought-product') {
        await sql`insert into fx_rule_products select unnest(${rule.productIds}::text[]), ${rule.tag}::text`.execute(trx);
      } else {
        await sql`insert into fx_rule_products select p.id, ${rule.tag}::text from products p where p.category = any(${rule.categories}::text[])`.execute(trx);
      }
    }
    await sql`analyze fx_rule_products`.execute(trx);
    await sql`insert into fx_bought
      select o.customer_id, array_agg(distinct rp.tag)
      from ${orders} cross join unnest(o.product_ids) as u(product_id) join fx_rule_products rp on rp.product_id = u.product_id
      where ${countedSql} and o.created_at <= ${asOf}::timestamptz
      group by o.customer_id`.execute(trx);
  }

  await sql`analyze fx_bought`.execute(trx);
  await sql`create temporary table fx_main (customer_id text not null, category text not null) on commit drop`.execute(trx);
  if (scoresByCategory(settings)) {
    // Each order's whole amount counts once towards each distinct category among its products.
    await sql`insert into fx_main
      select distinct on (customer_id) customer_id, category from (
        select oc.customer_id, oc.category, sum(oc.cents) as spend from (
          select distinct o.id, o.customer_id, o.amount * 100 as cents, p.category
          from ${orders} cross join unnest(o.product_ids) as u(product_id) join products p on p.id = u.product_id
          where ${countedSql} and o.created_at <= ${asOf}::timestamptz and o.created_at > ${windowStart}::timestamptz
            and p.category is not null and p.category <> ''
        ) oc group by oc.customer_id, oc.category
      ) cs order by customer_id, spend desc, category collate "C"`.execute(trx);
  }
  await sql`analyze fx_main`.execute(trx);
  if (scoped) await sql`reset random_page_cost`.execute(trx);
}

const numbers = (v: unknown): number[] | null => (Array.isArray(v) ? v.map(Number) : null);

/**
 * computePopulation in SQL, over the stored rows once they are written (so a refresh of the changed
 * customers alone still sees every buyer): percentile_disc over the buyers' recency and over those
 * who bought in the window (frequency, monetary), with the same percentiles as the engine.
 */
export async function computePopulationSql(trx: Db, asOf: Date, timezone: string): Promise<FactPopulation> {
  const { rows } = await sql<{ rq: unknown; lr: unknown; fq: unknown; mq: unknown }>`with buyers as materialized (
      select (${asOf}::timestamptz at time zone ${timezone}::text)::date - (last_at at time zone ${timezone}::text)::date as recency_days, frequency, monetary_cents
      from customer_fact_rows where order_count > 0
    )
    select
      (select percentile_disc(array[0.2, 0.4, 0.6, 0.8]::float8[]) within group (order by recency_days) from buyers) as rq,
      (select percentile_disc(array[0.3, 0.6, 0.9]::float8[]) within group (order by recency_days) from buyers) as lr,
      (select percentile_disc(array[0.2, 0.4, 0.6, 0.8]::float8[]) within group (order by frequency) from buyers where frequency > 0) as fq,
      (select percentile_disc(array[0.2, 0.4, 0.6, 0.8]::float8[]) within group (order by monetary_cents) from buyers where frequency > 0) as mq`.execute(trx);
  const row = rows[0]!;
  const [rq, fq, lr] = [numbers(row.rq), numbers(row.fq), numbers(row.lr)];
  const mq = numbers(row.mq)?.map((c) => c / 100) ?? null;
  return {
    rfmQuintiles: rq && fq && mq ? { recencyDays: rq, frequency: fq, monetary: mq } : null,
    lifecycleRatio: lr as [number, number, number] | null,
  };
}
