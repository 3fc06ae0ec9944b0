import { z } from 'zod';
import { fromTemplateBodySchema } from './routes/journey-templates';

/** OpenAPI paths of the shipped journey templates, and of this document itself (docs/api.md). */
export function templatePaths(journey: z.ZodType, problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = z.object({ error: z.string(), message: z.string() });
  const locale = z.object({ locale: z.enum(['zh-CN', 'en']).optional().meta({ description: 'Language of names and texts; else Accept-Language' }) });
  const summary = z
    .object({
      id: z.string(),
      category: z.string(),
      name: z.string(),
      description: z.string(),
      channels: z.array(z.string()),
      preview: z.object({
        nodes: z.array(z.object({ id: z.string(), type: z.string() })),
        edges: z.array(z.object({ from: z.string(), port: z.string(), to: z.string() })),
        positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
      }),
    })
    .meta({ id: 'TemplateSummary' });
  return {
    '/api/templates': {
      get: { requestParams: { query: locale }, responses: { 200: json(z.object({ templates: z.array(summary) }), 'The journey templates Huitou ships, in the caller’s language') } },
    },
    '/api/templates/{id}': {
      get: {
        requestParams: { path: z.object({ id: z.string() }), query: locale },
        responses: { 200: json(z.object({ template: summary, journey }), 'One template and the journey it makes'), 404: json(error, 'Unknown template') },
      },
    },
    '/api/journeys/from-template': {
      post: {
        requestBody: { content: { 'application/json': { schema: fromTemplateBodySchema } } },
        responses: {
          201: json(z.object({ journey, problems: z.array(problem), campaignsCreated: z.array(z.string()) }), 'A new draft, and the coupon campaigns its coupon steps need, made unless they exist'),
          400: json(z.object({ error: z.literal('invalid_request'), message: z.string(), problems: z.array(problem) }), 'A field is wrong, by path'),
          404: json(error, 'Unknown template'),
          409: json(error, 'The id exists'),
        },
      },
    },
    '/api/openapi.json': { get: { responses: { 200: { description: 'This document' } } } },
  };
}
