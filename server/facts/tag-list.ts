import { sql, type Kysely } from 'kysely';
import type { TagRule } from '../../engine/facts/settings';
import type { Database } from '../db/schema';

export interface TagListEntry {
  tag: string;
  /** Customers carrying the tag now. */
  customers: number;
  /** Where it comes from: `manual`, `rule` (stored on customers, or named by a tag rule of the settings). */
  sources: ('manual' | 'rule')[];
}

const collator = new Intl.Collator('zh-CN');

/**
 * The shop's tags for the condition builder's picker: every tag on a customer (manual and rule
 * tags, from customer_tags) and every tag a tag rule can give, also before any customer has it.
 * Most used first, then by name in pinyin order (the shop's tags are mostly Chinese), so the
 * picker shows the common ones at the top.
 */
export async function listTags(db: Kysely<Database>, tagRules: readonly TagRule[]): Promise<TagListEntry[]> {
  const rows = await db
    .selectFrom('customer_tags')
    .select(['tag', sql<string>`count(distinct customer_id)`.as('customers'), sql<string[]>`array_agg(distinct source)`.as('sources')])
    .groupBy('tag')
    .execute();
  const byTag = new Map<string, TagListEntry>();
  for (const r of rows) {
    byTag.set(r.tag, {
      tag: r.tag,
      customers: Number(r.customers),
      sources: r.sources.filter((s): s is 'manual' | 'rule' => s === 'manual' || s === 'rule').sort(),
    });
  }
  for (const rule of tagRules) {
    const entry = byTag.get(rule.tag) ?? { tag: rule.tag, customers: 0, sources: [] };
    if (!entry.sources.includes('rule')) entry.sources = [...entry.sources, 'rule'].sort() as TagListEntry['sources'];
    byTag.set(rule.tag, entry);
  }
  return [...byTag.values()].sort((a, b) => b.customers - a.customers || collator.compare(a.tag, b.tag));
}
