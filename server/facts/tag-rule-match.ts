import { sql, type RawBuilder } from 'kysely';
import { minSpendCents, type TagRule } from '../../engine/index';
import type { Db } from '../db/database';
import { countedSql, discountedSql } from './bulk-expressions';

/**
 * The customers a tag rule tags as of `asOf`, each with the value that made them match, as one
 * SQL query (customer_id, value): the engine's ruleTags for one rule, set-based over the stored
 * orders, as the bulk refresh decides it (bulk-basics.ts, bulk-derived-tags.ts). Stage and RFM
 * segment rules read the stage and segment stored with the snapshot (as the customer_facts view derives
 * them), as of the last refresh.
 */
export function ruleMatches(rule: TagRule, asOf: Date): RawBuilder<{ customer_id: string; value: string }> {
  const counted = sql`${countedSql} and o.created_at <= ${asOf}::timestamptz`;
  const since = (days: number) => sql`o.created_at > ${new Date(asOf.getTime() - days * 86_400_000)}::timestamptz`;
  switch (rule.kind) {
    case 'bought-product':
      return sql`select o.customer_id, min(u.product_id collate "C") as value
        from orders o cross join unnest(o.product_ids) as u(product_id)
        where ${counted} and u.product_id = any(${rule.productIds}::text[]) group by o.customer_id`;
    case 'bought-category':
      return sql`select o.customer_id, min(p.category collate "C") as value
        from orders o cross join unnest(o.product_ids) as u(product_id) join products p on p.id = u.product_id
        where ${counted} and p.category = any(${rule.categories}::text[]) group by o.customer_id`;
    case 'price-sensitive': {
      const discounted = sql`count(*) filter (where ${discountedSql(Math.round(rule.minDiscountPct * 100))})`;
      return sql`select o.customer_id, ${discounted}::text || '/' || count(*)::text as value
        from orders o where ${counted} group by o.customer_id having ${discounted} * 2 > count(*)`;
    }
    case 'spend-in-window': {
      const cents = sql`sum_cents((o.amount * 100)::bigint)`;
      return sql`select o.customer_id, round(${cents}::numeric / 100, 2)::text as value
        from orders o where ${counted} and ${since(rule.days)} group by o.customer_id having ${cents} >= ${minSpendCents(rule.minSpend)}::bigint`;
    }
    case 'orders-in-window':
      return sql`select o.customer_id, count(*)::text as value
        from orders o where ${counted} and ${since(rule.days)} group by o.customer_id having count(*) >= ${rule.minOrders}::int`;
    case 'rfm-segment':
      return sql`select f.customer_id, f.rfm_segment as value from customer_fact_rows f where f.rfm_segment = any(${[...rule.segments]}::text[])`;
    case 'stage':
      return sql`select f.customer_id, f.stage as value from customer_fact_rows f where f.stage = any(${[...rule.stages]}::text[])`;
  }
}

export interface RulePreview {
  customers: number;
  sample: { customerId: string; name: string | null; value: string }[];
}

/**
 * How many customers the rule tags as of `asOf`, and the first `sampleSize` of them by id: one
 * statement, the matches computed once (materialized) for both the count and the sample.
 */
export async function previewRule(db: Db, rule: TagRule, asOf: Date, sampleSize = 10): Promise<RulePreview> {
  const { rows } = await sql<{ n: number; sample: { customer_id: string; value: string; name: string | null }[] | string | null }>`
    with m as materialized (${ruleMatches(rule, asOf)})
    select (select count(*)::int from m) as n,
      (select json_agg(json_build_object('customer_id', s.customer_id, 'value', s.value, 'name', c.name) order by s.customer_id collate "C")
        from (select customer_id, value from m order by customer_id collate "C" limit ${sampleSize}) s
        left join customers c on c.id = s.customer_id) as sample`.execute(db);
  const row = rows[0]!;
  // PGlite hands json back as text, PostgreSQL as parsed values.
  const sample = (typeof row.sample === 'string' ? JSON.parse(row.sample) : (row.sample ?? [])) as {
    customer_id: string;
    value: string;
    name: string | null;
  }[];
  return { customers: row.n, sample: sample.map((r) => ({ customerId: r.customer_id, name: r.name, value: String(r.value) })) };
}

/** The customers each rule tags as of `asOf`: one count per rule. */
export async function countRules(db: Db, rules: readonly TagRule[], asOf: Date): Promise<number[]> {
  return Promise.all(
    rules.map(async (rule) => (await sql<{ n: number }>`select count(*)::int as n from (${ruleMatches(rule, asOf)}) m`.execute(db)).rows[0]!.n),
  );
}

/** The manual tags with how many customers carry each, most used first. */
export async function manualTagCounts(db: Db): Promise<{ tag: string; customers: number }[]> {
  const { rows } = await sql<{ tag: string; n: number }>`select tag, count(*)::int as n from customer_tags where source = 'manual'
    group by tag order by n desc, tag collate "C"`.execute(db);
  return rows.map((r) => ({ tag: r.tag, customers: r.n }));
}
