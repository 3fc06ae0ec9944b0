import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import { customerEventSchema, journeySchema } from '../../engine/index';
import { kpiQuerySchema, kpisResponseSchema } from '../kpis/types';
import { couponPaths } from './openapi-coupons';
import { templatePaths } from './openapi-templates';
import { journeyLifePaths } from './openapi-journey-life';
import { journeyStatsPaths } from './openapi-journey-stats';
import { analysisPaths, journeyWarningSchema } from './openapi-analysis';
import { customerPaths } from './openapi-customers';
import { triggerPaths } from './openapi-triggers';
import { versionPaths } from './openapi-versions';
import { messageQuerySchema } from './routes/messages';
import { messageReasonCodes } from '../store/message-reason';

const problem = z.object({ path: z.string(), code: z.string(), message: z.string(), nodeId: z.string().optional() }).meta({ id: 'Problem' });
const journey = journeySchema.meta({ id: 'Journey' });
const event = customerEventSchema.meta({ id: 'CustomerEvent' });
const message = z
  .object({
    id: z.string(),
    channel: z.string(),
    recipient: z.string().nullable(),
    subject: z.string().nullable(),
    text: z.string(),
    status: z.string(),
    idempotencyKey: z.string(),
    journeyId: z.string(),
    journeyVersion: z.number(),
    nodeId: z.string(),
    customerId: z.string(),
    createdAt: z.string(),
    attempts: z.number().meta({ description: 'Delivery tries so far' }),
    sentAt: z.string().nullable(),
    provider: z.string().nullable().meta({ description: 'sms-http, smtp or local-sink' }),
    lastError: z.string().nullable().meta({ description: 'The last delivery failure, addresses masked' }),
    reason: z
      .object({
        code: z.enum(messageReasonCodes),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
      })
      .nullable()
      .meta({
        id: 'MessageReason',
        description:
          'Why the message is held (status queued: quiet_hours, send_rate, arbitration, journey_paused, retry; params.until says until when), capped (frequency_cap: max, channel, within; gave_way: journeyId, priority), cancelled (journey_stopped; customer_exited, customer_converted: eventType) or skipped (quiet_hours: from, to; no_recipient). Null when nothing stood in its way.',
      }),
  })
  .meta({ id: 'Message' });
const importSummary = z
  .object({
    kind: z.enum(['orders', 'customers', 'products']),
    rows: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ line: z.number(), column: z.string().optional(), reason: z.string() })),
    errorsTruncated: z.boolean(),
  })
  .meta({ id: 'ImportSummary' });
const invalid = z.object({ error: z.literal('invalid_journey'), problems: z.array(problem) });
const id = z.object({ id: z.string() });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const journeyAndProblems = z.object({ journey, problems: z.array(problem) });

/** The OpenAPI description of the API, generated from the same zod schemas the handlers use. */
export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Huitou API', version: '0.1.0', description: 'Customer journeys for e-commerce shops. Bearer token on every path but /api/health.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/api/health': { get: { security: [], responses: { 200: json(z.object({ ok: z.boolean(), database: z.string(), temporal: z.string() }), 'Database and Temporal reachable'), 503: { description: 'Something is unreachable' } } } },
      '/api/node-types': { get: { responses: { 200: json(z.object({ nodeTypes: z.array(z.record(z.string(), z.unknown())), channels: z.array(z.record(z.string(), z.unknown())) }), 'Node types with config JSON Schemas, and the channels (built-in and plugins\')') } } },
      '/api/facts': { get: { responses: { 200: json(z.object({ facts: z.array(z.record(z.string(), z.unknown())), operators: z.array(z.string()) }), 'The fact catalog') } } },
      '/api/journeys': {
        get: { responses: { 200: json(z.object({ journeys: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), version: z.number(), updatedAt: z.string() })) }), 'Journeys') } },
        post: { requestBody: body(journey), responses: { 201: json(journeyAndProblems, 'Saved as a draft'), 400: json(invalid, 'Malformed document'), 409: { description: 'The id exists' } } },
      },
      '/api/journeys/validate': { post: { requestBody: body(journey), responses: { 200: json(z.object({ ok: z.boolean(), problems: z.array(problem) }), 'Every problem, with its path') } } },
      '/api/journeys/{id}': {
        get: { requestParams: { path: id }, responses: { 200: json(z.object({ journey, versions: z.array(z.object({ version: z.number(), publishedAt: z.string() })) }), 'The draft and its versions'), 404: { description: 'Unknown id' } } },
        put: { requestParams: { path: id }, requestBody: body(journey), responses: { 200: json(journeyAndProblems, 'Saved'), 400: json(invalid, 'Malformed document'), 404: { description: 'Unknown id' } } },
      },
      '/api/journeys/{id}/publish': { post: { requestParams: { path: id }, responses: { 200: json(z.object({ journey, version: z.number(), warnings: z.array(journeyWarningSchema) }), 'Published as a new immutable version; warnings say what will not work as drawn (unknown template variables, refused webhook addresses)'), 400: json(invalid, 'The journey has problems') } } },
      '/api/journeys/{id}/pause': { post: { requestParams: { path: id }, responses: { 200: json(z.object({ journey }), 'Paused: no new entries, customers inside hold') } } },
      '/api/journeys/{id}/resume': { post: { requestParams: { path: id }, responses: { 200: json(z.object({ journey }), 'Live again') } } },
      '/api/events': {
        post: {
          requestBody: body(z.union([event, z.array(event)])),
          responses: {
            202: json(z.object({ accepted: z.array(z.object({ index: z.number(), id: z.string(), duplicate: z.boolean() })), rejected: z.array(z.object({ index: z.number(), problems: z.array(problem) })) }), 'Stored; bad events reported by index'),
            400: { description: 'No event was acceptable' },
          },
        },
      },
      ...Object.fromEntries(
        (['orders', 'customers', 'products'] as const).map((kind) => [
          `/api/import/${kind}`,
          {
            post: {
              description: `Imports ${kind} from a CSV file streamed as the body (docs/import.md): rows are upserted in batches; bad rows are reported by line.`,
              requestBody: { content: { 'text/csv': { schema: z.string() } } },
              responses: {
                200: json(importSummary, 'Imported; refused rows listed with their line'),
                400: json(z.object({ error: z.literal('invalid_csv'), message: z.string(), missingColumns: z.array(z.string()) }), 'The header lacks a required column: nothing stored'),
                415: { description: 'The body is not text/csv' },
              },
            },
          },
        ]),
      ),
      '/api/kpis': {
        get: {
          description: 'The KPI board as of asOf (a date: the end of that day in the shop time zone; or an instant; default now). docs/kpis.md defines each figure.',
          requestParams: { query: kpiQuerySchema },
          responses: { 200: json(kpisResponseSchema, 'The KPIs'), 400: json(z.object({ error: z.literal('invalid_query'), message: z.string(), problems: z.array(problem) }), 'A bad asOf or periodDays, by path') },
        },
      },
      ...customerPaths(problem),
      ...couponPaths(problem),
      ...templatePaths(journey, problem),
      ...journeyLifePaths(problem),
      ...journeyStatsPaths(),
      ...analysisPaths(journey, problem),
      ...triggerPaths(problem),
      ...versionPaths(journey),
      '/api/messages': { get: { requestParams: { query: messageQuerySchema }, responses: { 200: json(z.object({ messages: z.array(message) }), 'The outbox, newest first') } } },
    },
  });
}
