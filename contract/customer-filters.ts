import { z } from 'zod';
import { rfmSegmentLabels } from '../engine/facts/rfm';
import { lifecycleStages, tierIds } from '../engine/facts/settings';
import { consentChannels } from '../engine/consent/subscriptions';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = 'must be a date as YYYY-MM-DD, e.g. 2026-11-11';
const day = z
  .string()
  .regex(datePattern, dateMessage)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), dateMessage);
// Zod's own reasons for the bounds: engine/journey/issue-words.ts words them in both languages.
const yuan = z.coerce.number('must be a number').min(0).max(1e12);
const count = z.coerce.number('must be a number').int().min(0).max(1e9);
const days = z.coerce.number('must be a number').int().min(0).max(36_500);
const yesNo = z.enum(['true', 'false'], 'must be true or false');

/**
 * What the customers list and its count filter by; every filter given must hold. Spend and order
 * count are lifetime counted orders (facts totalSpend, orderCount); last purchase is in whole days
 * in the shop's time zone, as recencyDays counts them, or between two local days.
 */
export const customerFilterShape = {
  stage: z.enum(lifecycleStages).optional(),
  tier: z.enum(tierIds).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  rfm: z.enum(Object.keys(rfmSegmentLabels) as [string, ...string[]]).optional(),
  spendMin: yuan.optional().meta({ description: 'Lifetime counted spend at least this (yuan)' }),
  spendMax: yuan.optional().meta({ description: 'Lifetime counted spend at most this (yuan)' }),
  ordersMin: count.optional().meta({ description: 'Counted orders at least this' }),
  ordersMax: count.optional().meta({ description: 'Counted orders at most this' }),
  lastWithinDays: days.optional().meta({ description: 'Last purchase at most this many days ago (recencyDays ≤ N)' }),
  lastOverDays: days.optional().meta({ description: 'Last purchase more than this many days ago (recencyDays > N); never-buyers excluded' }),
  lastFrom: day.optional().meta({ description: 'Last purchase on or after this day (shop time zone)' }),
  lastTo: day.optional().meta({ description: 'Last purchase on or before this day (shop time zone)' }),
  region: z.string().trim().min(1).max(100).optional(),
  hasPhone: yesNo.optional(),
  hasEmail: yesNo.optional(),
  unsubscribed: z
    .enum(consentChannels, 'must be sms or email')
    .optional()
    .meta({ description: 'Customers who unsubscribed from marketing on this channel (sms or email)' }),
};

const ordered = (lo: string, hi: string) => (q: Record<string, unknown>) =>
  q[lo] === undefined || q[hi] === undefined || (q[lo] as number | string) <= (q[hi] as number | string);

/** The filters with their cross-field checks (a range's low end not above its high end). */
export function withRangeChecks<T extends z.ZodObject>(schema: T) {
  return schema
    .refine(ordered('spendMin', 'spendMax'), { message: 'must not be below spendMin', path: ['spendMax'] })
    .refine(ordered('ordersMin', 'ordersMax'), { message: 'must not be below ordersMin', path: ['ordersMax'] })
    .refine(ordered('lastFrom', 'lastTo'), { message: 'must not be before lastFrom', path: ['lastTo'] });
}

export const customerFilterSchema = withRangeChecks(z.object(customerFilterShape));
export type CustomerFilter = z.infer<typeof customerFilterSchema>;
