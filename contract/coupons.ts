import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

const money = (what: string) => z.number({ error: 'must be a number' }).multipleOf(0.01, 'must have at most 2 decimals').max(1e9, `${what} is too large`);

/** A new coupon campaign, as POST /api/coupons/campaigns takes it. */
export const campaignInputSchema = z
  .strictObject(
    {
      id: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(100, 'must be at most 100 characters')
        .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, "-" and "_"')
        .optional()
        .meta({ description: 'Chosen by the caller, or generated' }),
      name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
      kind: z.enum(['amount', 'percent'], { error: 'must be "amount" (yuan off) or "percent" (percent off)' }),
      value: money('value').positive('must be more than 0').meta({ description: 'Yuan off (amount) or percent off (percent, below 100)' }),
      minimumSpend: money('minimumSpend').min(0, 'must be at least 0').default(0),
      validDays: z
        .number({ error: 'must be a number' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1')
        .max(3650, 'must be at most 3650')
        .optional(),
      expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' }).optional(),
      quantityCap: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').optional(),
      budgetCap: money('budgetCap')
        .positive('must be more than 0')
        .optional()
        .meta({ description: 'Yuan: face value of all issued coupons (amount coupons only)' }),
      codeSource: z.enum(['pool', 'generated'], { error: 'must be "pool" (uploaded codes) or "generated"' }),
      codePrefix: z
        .string({ error: 'must be a string' })
        .max(20, 'must be at most 20 characters')
        .regex(/^[A-Za-z0-9-]*$/, 'may use only letters, digits and "-"')
        .default('')
        .meta({ description: 'Put before generated codes' }),
    },
    { error: 'must be an object' },
  )
  .superRefine((c, ctx) => {
    if ((c.validDays === undefined) === (c.expiresAt === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['validDays'], message: 'give exactly one of validDays (days after issue) and expiresAt (a fixed expiry)' });
    }
    if (c.kind === 'percent' && c.value >= 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percent coupon takes less than 100 percent off' });
    if (c.kind === 'percent' && c.budgetCap !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['budgetCap'],
        message: 'applies to amount coupons only (a percent coupon has no face value); cap it with quantityCap',
      });
    }
    if (c.budgetCap !== undefined && c.budgetCap < c.value) ctx.addIssue({ code: 'custom', path: ['budgetCap'], message: "is less than one coupon's value" });
    if (c.codeSource === 'pool' && c.codePrefix !== '') ctx.addIssue({ code: 'custom', path: ['codePrefix'], message: 'applies to generated codes only' });
  })
  .meta({ id: 'CouponCampaignInput' });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const campaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['amount', 'percent']),
    value: z.number(),
    minimumSpend: z.number(),
    validDays: z.number().nullable(),
    expiresAt: z.string().nullable(),
    quantityCap: z.number().nullable(),
    budgetCap: z.number().nullable(),
    codeSource: z.enum(['pool', 'generated']),
    codePrefix: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'CouponCampaign' });

export const campaignStatsSchema = z
  .object({
    issued: z.number(),
    redeemed: z.number(),
    /** Face value of the issued coupons (amount campaigns), yuan. */
    budgetUsed: z.number().nullable(),
    budgetRemaining: z.number().nullable(),
    /** Unissued codes in the pool (pool campaigns). */
    poolAvailable: z.number().nullable(),
    /** How many more coupons can be issued under every cap; null when nothing limits it. */
    remaining: z.number().nullable(),
  })
  .meta({ id: 'CouponCampaignStats' });

/** One pool code: letters, digits and "-" / "_", as printed on vouchers. */
export const poolCodeSchema = z
  .string()
  .min(1, 'is empty')
  .max(64, 'is longer than 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, "-" and "_"');
export const poolCodesBodySchema = z
  .union([z.array(z.string()), z.object({ codes: z.array(z.string()) })])
  .meta({ description: 'A JSON list of codes, or { codes: [...] }' });

export const createCampaign = endpoint({
  method: 'POST',
  path: '/api/coupons/campaigns',
  access: 'marketer',
  summary: 'Makes a campaign',
  description: 'Makes a campaign. Exactly one of validDays and expiresAt; budgetCap only for amount coupons.',
  body: campaignInputSchema,
  invalid: 'invalid_campaign',
  status: 201,
  response: z.object({ campaign: campaignSchema }),
  answers: { 409: 'The id exists' },
});

export const listCampaigns = endpoint({
  method: 'GET',
  path: '/api/coupons/campaigns',
  access: 'analyst',
  summary: 'Campaigns, newest first',
  response: z.object({ campaigns: z.array(campaignSchema) }),
});

export const getCampaign = endpoint({
  method: 'GET',
  path: '/api/coupons/campaigns/:id',
  access: 'analyst',
  summary: 'The campaign and its figures',
  params: idParams,
  response: z.object({ campaign: campaignSchema, stats: campaignStatsSchema }),
  answers: { 404: 'Unknown campaign id' },
});

export const addPoolCodes = endpoint({
  method: 'POST',
  path: '/api/coupons/campaigns/:id/codes',
  access: 'marketer',
  summary: 'Adds codes to a pool campaign',
  description:
    'Adds codes to a pool campaign: text/plain with one code a line, or JSON. Codes known already (in any campaign) or repeated are not added and are listed as duplicates.',
  params: idParams,
  body: poolCodesBodySchema,
  // One code a line as text, or JSON: the handler reads both and names a bad code by its index.
  bodyCheckedBy: 'handler',
  bodyMediaTypes: ['text/plain', 'application/json'],
  response: z.object({ added: z.number(), duplicates: z.array(z.string()), stats: campaignStatsSchema }),
  answers: { 400: 'A bad code (by index), no codes, or not a pool campaign (error invalid_codes)', 404: 'Unknown campaign id' },
});

export const couponEndpoints = [createCampaign, listCampaigns, getCampaign, addPoolCodes] as const;
