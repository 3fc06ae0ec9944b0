import { z } from 'zod';

const bound = z.union([z.number(), z.literal('unbounded')]);

/** The journey summary's shape (engine/analysis/summary.ts), as the API returns it. */
export const journeySummarySchema = z
  .object({
    messagesPerChannel: z.record(z.string(), bound).meta({ description: 'Per channel (sms, email, task, webhook, or a plugin action’s type), the most messages one customer can get along any path; `unbounded` when a loop sends on it' }),
    longestStayMs: z.union([bound, z.literal('unknown')]).meta({ description: 'The longest one customer can stay inside, in ms; `unbounded` with a loop, `unknown` when a wait depends on the customer (a date attribute)' }),
    paths: z.number().int().meta({ description: 'Routes from the trigger to an end, a loop counted once' }),
  })
  .meta({ id: 'JourneySummary' });

/** A publish warning (engine/analysis/warnings.ts): published anyway, but it will not do what it says. */
export const journeyWarningSchema = z
  .object({
    code: z.enum(['unknown_template_variable', 'webhook_address_refused']),
    path: z.string().meta({ description: 'Where, e.g. nodes[2].config.template' }),
    nodeId: z.string(),
    message: z.string().meta({ description: 'In the language asked for (Accept-Language or ?locale)' }),
  })
  .meta({ id: 'JourneyWarning' });

/** OpenAPI path of the journey summary (docs/api.md). */
export function analysisPaths(journey: z.ZodType, problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  return {
    '/api/journeys/analyze': {
      post: {
        description:
          'What a journey document can do to one customer at worst, by static analysis of its graph: the most messages per channel along any path and the longest stay. Waits until a fixed date are measured from now. Nothing is stored.',
        requestBody: { content: { 'application/json': { schema: journey } } },
        responses: {
          200: json(z.object({ summary: journeySummarySchema, warnings: z.array(journeyWarningSchema) }), 'The summary, and what publishing would warn about'),
          400: json(z.object({ error: z.literal('invalid_journey'), message: z.string(), problems: z.array(problem) }), 'The document has problems; each names its field'),
        },
      },
    },
  };
}
