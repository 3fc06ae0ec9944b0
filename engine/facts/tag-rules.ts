import { z } from 'zod';
import { lifecycleStages } from './stages';
import { rfmSegments } from './rfm';

/**
 * Automatic tag rules (docs/facts.md). Every rule may carry an `id` (assigned by the tag-rules API
 * when absent, so a rule can be edited and deleted by it; documents stored before ids existed stay
 * valid) and a `note` for the marketer.
 */
const common = {
  id: z.string().min(1).max(64).optional(),
  tag: z.string().trim().min(1, 'give the tag a name').max(40, 'at most 40 characters'),
  note: z.string().max(200, 'at most 200 characters').optional(),
};
const windowDays = z.number().int('whole days').min(1, 'at least 1 day').max(3650, 'at most 3650 days');

export const tagRuleSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('bought-product'), productIds: z.array(z.string().min(1)).min(1, 'pick at least one product') }),
  z.object({ ...common, kind: z.literal('bought-category'), categories: z.array(z.string().min(1)).min(1, 'pick at least one category') }),
  z.object({
    ...common,
    kind: z.literal('price-sensitive'),
    tag: common.tag.default('价格敏感'),
    /** An order is discounted when discount / (amount + discount) is at least this percentage. */
    minDiscountPct: z.number().min(0).max(100).default(20),
  }),
  /** Counted spend of at least `minSpend` yuan (compared in whole cents) in the last `days` 24-hour days before asOf. */
  z.object({ ...common, kind: z.literal('spend-in-window'), minSpend: z.number().positive('more than 0'), days: windowDays }),
  /** At least `minOrders` counted orders in the last `days` 24-hour days before asOf. */
  z.object({ ...common, kind: z.literal('orders-in-window'), minOrders: z.number().int('a whole number').min(1, 'at least 1'), days: windowDays }),
  /** The customer's RFM segment is one of these. */
  z.object({ ...common, kind: z.literal('rfm-segment'), segments: z.array(z.enum(rfmSegments)).min(1, 'pick at least one segment') }),
  /** The customer's lifecycle stage is one of these. */
  z.object({ ...common, kind: z.literal('stage'), stages: z.array(z.enum(lifecycleStages)).min(1, 'pick at least one stage') }),
]);
export type TagRule = z.infer<typeof tagRuleSchema>;
export type TagRuleKind = TagRule['kind'];
export const tagRuleKinds = ['bought-product', 'bought-category', 'price-sensitive', 'spend-in-window', 'orders-in-window', 'rfm-segment', 'stage'] as const;

/** Rules whose tags move with the stage or RFM segment the customer_facts view derives (a second pass of the bulk refresh). */
export const isDerivedFactRule = (rule: TagRule): rule is Extract<TagRule, { kind: 'rfm-segment' | 'stage' }> =>
  rule.kind === 'rfm-segment' || rule.kind === 'stage';

/** A spend threshold in whole cents, as the engine and the SQL both compare it. */
export const minSpendCents = (minSpend: number) => Math.round(minSpend * 100);

/**
 * The id a rule is known by: its own, or for a rule stored before ids existed one derived from
 * its content (FNV-1a), stable while the rule is unchanged. `taken` disambiguates identical rules.
 */
export function tagRuleId(rule: TagRule, taken: ReadonlySet<string> = new Set()): string {
  if (rule.id) return rule.id;
  const { id: _id, ...content } = rule;
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(content)) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  const base = `r${h.toString(36)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The rules with their ids filled in (existing ids kept). */
export function withRuleIds(rules: readonly TagRule[]): TagRule[] {
  const taken = new Set(rules.flatMap((r) => (r.id ? [r.id] : [])));
  return rules.map((rule) => {
    if (rule.id) return rule;
    const id = tagRuleId(rule, taken);
    taken.add(id);
    return { ...rule, id };
  });
}
