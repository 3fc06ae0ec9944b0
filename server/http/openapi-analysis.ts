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
          200: json(z.object({ summary: journeySummarySchema }), 'The summary'),
          400: json(z.object({ error: z.literal('invalid_journey'), message: z.string(), problems: z.array(problem) }), 'The document has problems; each names its field'),
        },
      },
    },
  };
}
