import { z } from 'zod';
import { journeyDocument } from './common';
import { endpoint } from './endpoint';

const bound = z.union([z.number(), z.literal('unbounded')]);

/** What a journey can do to one customer at worst (engine/analysis/summary.ts). */
export const journeySummarySchema = z
  .object({
    messagesPerChannel: z.record(z.string(), bound).meta({
      description:
        'Per channel (sms, email, task, webhook, or a plugin action’s type), the most messages one customer can get along any path; `unbounded` when a loop sends on it',
    }),
    longestStayMs: z.union([bound, z.literal('unknown')]).meta({
      description: 'The longest one customer can stay inside, in ms; `unbounded` with a loop, `unknown` when a wait depends on the customer (a date attribute)',
    }),
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

export const analyzeJourney = endpoint({
  method: 'POST',
  path: '/api/journeys/analyze',
  access: 'analyst',
  summary: 'The summary, and what publishing would warn about',
  description:
    'What a journey document can do to one customer at worst, by static analysis of its graph: the most messages per channel along any path and the longest stay. Waits until a fixed date are measured from now. Nothing is stored.',
  body: journeyDocument,
  // Checked with the installed node types (their configs), which only the server has.
  bodyCheckedBy: 'handler',
  response: z.object({ summary: journeySummarySchema, warnings: z.array(journeyWarningSchema) }),
  answers: { 400: 'The document has problems (error invalid_journey); each names its field' },
});

export const analysisEndpoints = [analyzeJourney] as const;
