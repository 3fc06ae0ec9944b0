import { z } from 'zod';
import { roles } from '../store/api-tokens';
import { customerListQuerySchema } from '../facts/customer-list';
import { kpiQuerySchema } from '../kpis/types';
import { tokenBodySchema } from './routes/tokens';

/** OpenAPI paths of the customers, facts refresh, settings and token endpoints (docs/facts.md, docs/api.md). */
export function customerPaths(problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const id = z.object({ id: z.string() });
  const asOf = kpiQuerySchema.pick({ asOf: true });
  const bad = (error: string) => z.object({ error: z.literal(error), message: z.string(), problems: z.array(problem) });
  const facts = z.record(z.string(), z.unknown()).meta({ id: 'CustomerFacts', description: 'orderCount, totalSpend, frequency, monetary, recencyDays, firstOrderAt, lastOrderAt, aov, rfm, lifecycleStage, tier, tags, daysToBirthday' });
  const contact = { id: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), region: z.string().nullable() };
  const token = z.object({ id: z.string(), name: z.string(), role: z.enum(roles), createdAt: z.string(), revokedAt: z.string().nullable() });
  const forbidden = json(z.object({ error: z.literal('forbidden'), message: z.string() }), 'The role may not');
  return {
    '/api/customers': {
      get: {
        description: 'Customers from the facts snapshot of the last refresh, in id order (keyset pages). Names, phones and emails masked unless the role is admin.',
        requestParams: { query: customerListQuerySchema },
        responses: {
          200: json(z.object({ customers: z.array(z.object({ ...contact, stage: z.string(), tier: z.string(), rfmSegment: z.string().nullable(), tags: z.array(z.string()), facts })), nextCursor: z.string().nullable() }), 'A page'),
          400: json(bad('invalid_query'), 'A bad filter, by path'),
        },
      },
    },
    '/api/customers/{id}': {
      get: {
        description: 'One customer with facts computed fresh as of asOf (a date: the end of that day in the shop time zone; or an instant; default now).',
        requestParams: { path: id, query: asOf },
        responses: {
          200: json(z.object({ customer: z.object({ ...contact, birthday: z.string().nullable(), timezone: z.string().nullable(), attributes: z.record(z.string(), z.unknown()) }), facts }), 'The customer and their facts'),
          400: json(bad('invalid_query'), 'A bad asOf'),
          404: { description: 'No profile and no orders' },
        },
      },
    },
    '/api/customers/{id}/tags/{tag}': Object.fromEntries(
      (['put', 'delete'] as const).map((method) => [
        method,
        {
          description: `${method === 'put' ? 'Adds' : 'Removes'} a manual tag and refreshes the customer's facts.`,
          requestParams: { path: z.object({ id: z.string(), tag: z.string() }) },
          responses: { 200: json(z.object({ changed: z.boolean(), tags: z.array(z.string()) }), 'Done'), 403: forbidden, 404: { description: 'Unknown customer' } },
        },
      ]),
    ),
    '/api/facts/refresh': {
      post: {
        description:
          "Brings the facts snapshot to asOf and stores the changes as events in the same transaction: only the customers whose stored values may have moved since the last refresh (mode changed), or every customer (mode full: the first time, after settings or product changes, for an earlier asOf, or with full=true). The first refresh sets every customer's starting point: no change is announced for customers it had no row of. Admin only.",
        requestParams: { query: asOf.extend({ full: z.enum(['true', 'false']).optional() }) },
        responses: {
          200: json(z.object({ asOf: z.string(), mode: z.enum(['full', 'changed']), reason: z.string().optional(), recomputed: z.number().int().optional(), customers: z.number(), changes: z.object({ stage_changed: z.number(), tier_changed: z.number(), tagged: z.number() }), eventsStored: z.number().int(), ms: z.number(), steps: z.record(z.string(), z.number()) }), 'Refreshed'),
          403: forbidden,
        },
      },
    },
    '/api/settings': {
      get: { responses: { 200: json(z.object({ settings: z.record(z.string(), z.unknown()), population: z.unknown() }), 'The shop settings (defaults filled in) and the last population boundaries') } },
      put: {
        description: 'Replaces the shop settings (docs/facts.md); absent fields take their defaults. Admin only.',
        requestBody: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
        responses: { 200: json(z.object({ settings: z.record(z.string(), z.unknown()) }), 'Stored'), 400: json(bad('invalid_settings'), 'Bad fields, by path'), 403: forbidden },
      },
    },
    '/api/tokens': {
      get: { responses: { 200: json(z.object({ tokens: z.array(token) }), 'Tokens, without secrets. Admin only'), 403: forbidden } },
      post: {
        requestBody: { content: { 'application/json': { schema: tokenBodySchema } } },
        responses: { 201: json(token.extend({ token: z.string() }), 'The new token; its secret shown this once'), 400: json(bad('invalid_token'), 'A bad name or role'), 403: forbidden },
      },
    },
    '/api/tokens/{id}': {
      delete: { requestParams: { path: id }, responses: { 200: json(z.object({ token }), 'Revoked'), 403: forbidden, 404: { description: 'Unknown id' } } },
    },
  };
}
