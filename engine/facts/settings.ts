import { z } from 'zod';
import { isValidTimeZone } from './dates';
import { messagingSettingsSchema } from '../guardrails/settings';
import { tagRuleSchema } from './tag-rules';
import { smsTemplatesSchema } from './sms-templates';
import { defaultOptOutText } from '../consent/opt-out';

/** Order statuses that count as a purchase. Unpaid, closed and refunded orders never count. */
export const countedStatuses = ['paid', 'shipped', 'delivered'] as const;
export const orderStatuses = ['created', 'paid', 'shipped', 'delivered', 'closed', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const tierIds = ['ordinary', 'senior', 'vip', 'supreme'] as const;
export type TierId = (typeof tierIds)[number];

export { lifecycleStages, type LifecycleStage } from './stages';

/**
 * Fixed RFM ranges: the four thresholds between scores 1–5, ascending. For recency (days, lower is
 * better) a value at or below the first threshold scores 5; for frequency and monetary a value
 * above the last threshold scores 5.
 */
const thresholds = z
  .array(z.number().min(0))
  .length(4, 'give four thresholds, between scores 1|2|3|4|5')
  .refine((t) => t.every((v, i) => i === 0 || v > t[i - 1]!), 'thresholds must go up');
export const rfmRangesSchema = z.object({ recencyDays: thresholds, frequency: thresholds, monetary: thresholds });
export type RfmRanges = z.infer<typeof rfmRangesSchema>;

export { tagRuleSchema, type TagRule } from './tag-rules';

const tierRuleSchema = z.object({
  id: z.enum(tierIds),
  /** Reached when lifetime counted spend is at least this … */
  minSpend: z.number().min(0),
  /** … or the counted order count is at least this. */
  minOrders: z.number().int().min(0),
  /** The shop's own name for the tier (银卡会员); absent: the localized default name. */
  name: z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters').optional(),
});

/** An opt-out text names a reply that unsubscribes: 退订, 取消订阅, or 回(复) followed by T, TD or R. */
export const optOutPattern = /退订|取消订阅|回复?\s*(TD|T|R)(?![A-Za-z])/i;

/** An SMS signature as Chinese carriers require it: 2–12 characters inside 【】. */
export const smsSignaturePattern = /^【[^【】]{2,12}】$/;
const smsSettingsSchema = z.object({
  /** The SignName of Aliyun and Tencent messages (without the 【】); null until the shop sets one. */
  signature: z.string().trim().regex(smsSignaturePattern, 'must be 2 to 12 characters inside 【】, e.g. 【回头小店】').nullable().default(null),
  /** The templates the shop's provider approved (Aliyun, Tencent); message steps on a provider send one of them. */
  templates: smsTemplatesSchema,
  /**
   * Put at the end of every marketing SMS (never a transactional one), as the rules ask; it must
   * name a reply Huitou understands as an opt-out (engine/consent/sms-reply.ts).
   */
  optOutText: z
    .string()
    .trim()
    .min(2, 'must be 2 to 20 characters')
    .max(20, 'must be 2 to 20 characters')
    .regex(optOutPattern, 'must say how to opt out with a reply Huitou understands, e.g. 拒收请回复R or 回T退订')
    .default(defaultOptOutText),
});

/** A shop's CRM settings. Every field has a default that suits most shops. */
export const shopSettingsSchema = z.object({
  // Checked here: an unknown zone would make every date computation of every customer fail.
  timezone: z.string().refine(isValidTimeZone, 'not a known IANA time zone (e.g. Asia/Shanghai)').default('Asia/Shanghai'),
  rfm: z
    .object({
      windowDays: z.number().int().positive().default(365),
      scoring: z.enum(['quintiles', 'ranges']).default('quintiles'),
      ranges: rfmRangesSchema.default({ recencyDays: [30, 60, 90, 180], frequency: [1, 2, 3, 5], monetary: [100, 300, 800, 2000] }),
      /** Ranges for customers whose main category (most counted spend in the window) is the key. */
      byCategory: z.record(z.string(), rfmRangesSchema).default({}),
    })
    .prefault({}),
  lifecycle: z
    .object({
      /** `windows`: by days since the last purchase; `ratio`: split the stock of buyers 3:3:3:1 by recency. */
      mode: z.enum(['windows', 'ratio']).default('windows'),
      activeDays: z.number().int().positive().default(45),
      silentDays: z.number().int().positive().default(90),
      sleepingDays: z.number().int().positive().default(140),
    })
    .prefault({})
    .refine((l) => l.activeDays < l.silentDays && l.silentDays < l.sleepingDays, 'windows must go up: active < silent < sleeping'),
  tiers: z.array(tierRuleSchema).default([
    { id: 'ordinary', minSpend: 0, minOrders: 0 },
    { id: 'senior', minSpend: 1000, minOrders: 3 },
    { id: 'vip', minSpend: 5000, minOrders: 10 },
    { id: 'supreme', minSpend: 20000, minOrders: 30 },
  ]),
  tagRules: z
    .array(tagRuleSchema)
    .default([])
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, i) => {
        if (rule.id && seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `another rule has the id "${rule.id}"` });
        if (rule.id) seen.add(rule.id);
      });
    }),
  /** Quiet hours and frequency caps for marketing messages (engine/guardrails). */
  messaging: messagingSettingsSchema.prefault({}),
  sms: smsSettingsSchema.prefault({}),
});

export type ShopSettings = z.infer<typeof shopSettingsSchema>;
export const defaultShopSettings: ShopSettings = shopSettingsSchema.parse({});
