import { sql } from 'kysely';
import { isDerivedFactRule, type ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';

/** The tags the stage and RFM segment rules give. */
export const derivedTagNames = (settings: ShopSettings) => [...new Set(settings.tagRules.filter(isDerivedFactRule).map((r) => r.tag))];

/**
 * The tags of the stage and RFM segment rules (ruleTags' `stage` and `rfm-segment`), into
 * fx_derived_tags and the stored rows' tags. They are decided on what the customer_facts view
 * derives, so this runs once the view's parameters for this asOf are written — and over every
 * customer, scope or not: stages and segments move with the day for everyone.
 *
 * In a full refresh every row's tags were just written as manual ∪ other rule tags, so the derived
 * ones are added to them. In a `changed` one the rows outside the scope still carry the previous
 * derived tags: their tags become (stored tags outside these names) ∪ (their manual tags among
 * these names) ∪ the derived ones — right because no other rule gives these names (planRefresh
 * refreshes in full otherwise, refresh-scope.ts). Only rows whose tags differ are written, and a
 * row a per-customer refresh wrote after this transaction began is fresher and is kept.
 */
export async function writeDerivedTags(trx: Db, settings: ShopSettings, scoped: boolean): Promise<void> {
  await sql`create temporary table fx_derived_tags (customer_id text not null, tag text not null) on commit drop`.execute(trx);
  const rules = settings.tagRules.filter(isDerivedFactRule);
  if (rules.length === 0) return;
  for (const rule of rules) {
    const matches = rule.kind === 'stage' ? sql`f.stage = any(${[...rule.stages]}::text[])` : sql`f.rfm_segment = any(${[...rule.segments]}::text[])`;
    // The stored stage and segment: the view's, stored after its parameters were written (stored-derived.ts).
    await sql`insert into fx_derived_tags select f.customer_id, ${rule.tag}::text from customer_fact_rows f where ${matches}`.execute(trx);
  }
  await sql`analyze fx_derived_tags`.execute(trx);
  const names = derivedTagNames(settings);
  const kept = scoped ? sql`array(select x from unnest(r.tags) as k(x) where x <> all(${names}::text[])) || coalesce(m.tags, '{}')` : sql`r.tags`;
  await sql`update customer_fact_rows r set tags = n.tags, as_of = null, computed_at = now() from (
      select r.customer_id, coalesce((select array_agg(x order by x collate "C") from (select distinct x from unnest(${kept} || coalesce(d.tags, '{}')) as u(x)) as ux), '{}') as tags
      from customer_fact_rows r
      left join (select customer_id, array_agg(tag) as tags from fx_derived_tags group by customer_id) d on d.customer_id = r.customer_id
      left join (select customer_id, array_agg(tag) as tags from customer_tags where source = 'manual' and tag = any(${names}::text[]) group by customer_id) m
        on m.customer_id = r.customer_id
      where d.customer_id is not null or r.tags && ${names}::text[]
    ) n
    where n.customer_id = r.customer_id and n.tags is distinct from r.tags and r.computed_at <= now()`.execute(trx);
}
