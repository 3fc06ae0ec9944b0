import { z } from 'zod';
import { campaignInputSchema, campaignSchema, campaignStatsSchema, poolCodesBodySchema } from '../coupons/campaign-schema';
import { previewBodySchema, previewResultSchema } from './routes/templates';

/** OpenAPI paths of the coupon campaign and template preview endpoints (docs/api.md). */
export function couponPaths(problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const id = z.object({ id: z.string() });
  const bad = (error: string) => z.object({ error: z.literal(error), message: z.string(), problems: z.array(problem) });
  const notFound = { description: 'Unknown campaign id' };
  return {
    '/api/coupons/campaigns': {
      get: { responses: { 200: json(z.object({ campaigns: z.array(campaignSchema) }), 'Campaigns, newest first') } },
      post: {
        description: 'Makes a campaign (marketer or admin). Exactly one of validDays and expiresAt; budgetCap only for amount coupons.',
        requestBody: { content: { 'application/json': { schema: campaignInputSchema } } },
        responses: { 201: json(z.object({ campaign: campaignSchema }), 'Made'), 400: json(bad('invalid_campaign'), 'Bad fields, each named'), 409: { description: 'The id exists' } },
      },
    },
    '/api/coupons/campaigns/{id}': {
      get: { requestParams: { path: id }, responses: { 200: json(z.object({ campaign: campaignSchema, stats: campaignStatsSchema }), 'The campaign and its figures'), 404: notFound } },
    },
    '/api/coupons/campaigns/{id}/codes': {
      post: {
        description: 'Adds codes to a pool campaign: text/plain with one code a line, or JSON. Codes known already (in any campaign) or repeated are not added and are listed as duplicates.',
        requestParams: { path: id },
        requestBody: { content: { 'text/plain': { schema: z.string() }, 'application/json': { schema: poolCodesBodySchema } } },
        responses: {
          200: json(z.object({ added: z.number(), duplicates: z.array(z.string()), stats: campaignStatsSchema }), 'Added'),
          400: json(bad('invalid_codes'), 'A bad code (by index), no codes, or not a pool campaign'),
          404: notFound,
        },
      },
    },
    '/api/templates/preview': {
      post: {
        description: 'Renders a template as a journey would (HTML escaped for email) with a stored customer (customerId) and/or given customer, event and coupon; SMS segments counted GSM-7 160/153 or UCS-2 70/67.',
        requestBody: { content: { 'application/json': { schema: previewBodySchema } } },
        responses: { 200: json(previewResultSchema, 'The text and what it used'), 400: json(bad('invalid_preview'), 'A bad field, or a template that does not parse') },
      },
    },
  };
}
