import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

const count = (description: string) => z.number().int().meta({ description });

/** One node's live figures (server/journeys/step-log.ts). */
export const nodeStatsSchema = z
  .object({
    nodeId: z.string(),
    entered: count('Arrivals at the node (a customer who passes it twice counts twice)'),
    waiting: count('Customers waiting at the node now: a wait step, a message held for quiet hours, or a paused journey'),
    passed: count('Customers who finished the node and went on (an exit step: who left there)'),
    sent: count('Messages from the node that were sent (and tasks created)'),
    queued: count('Messages queued or being sent'),
    failed: count('Messages that failed for good'),
    capped: count('Messages not sent because of a frequency cap'),
    skipped: count('Messages skipped (no recipient, quiet hours set to skip)'),
    converted: count('Goal conversions credited to the node’s messages'),
    actionsRefused: count(
      'Actions refused: a webhook to an address the outbound guard refuses (the customer leaves there), a coupon campaign used up (the customer goes on by `exhausted`)',
    ),
    actionsFailed: count('Actions that failed for good, retries spent or not retryable (the customer leaves there)'),
  })
  .meta({ id: 'NodeStats' });

export const journeyStatsSchema = z
  .object({
    journeyId: z.string(),
    version: z.number().int().nullable().meta({ description: 'The version asked for; null for all versions together' }),
    versions: z.array(z.number().int()).meta({ description: 'The versions, of those asked for, that have any figures' }),
    nodes: z.array(nodeStatsSchema),
    asOf: z.string().meta({ description: 'When the figures were read (ISO 8601)' }),
  })
  .meta({ id: 'JourneyStats' });

/** `version`: a published version number, or `all` (the default); a number comes out, or undefined for all. */
const versionQuery = z
  .string()
  .optional()
  .refine((raw) => raw === undefined || raw === '' || raw === 'all' || (Number.isInteger(Number(raw)) && Number(raw) >= 1), {
    error: (issue) => `must be a published version number (1, 2, …) or "all", got "${String(issue.input)}"`,
  })
  .transform((raw) => (raw === undefined || raw === '' || raw === 'all' ? undefined : Number(raw)))
  .meta({ description: 'A published version number, or `all` (the default)' });

export const journeyStats = endpoint({
  method: 'GET',
  path: '/api/journeys/:id/stats',
  access: 'analyst',
  summary: 'Live figures per node',
  description:
    'Live figures per node of a journey, for one published version or all of them: customers who entered, wait there now and passed; its messages by outcome; conversions credited to it. Steps are reported by each customer’s workflow when it starts to wait and when it ends, so counts trail a moving customer by one step at most.',
  params: idParams,
  query: z.object({ version: versionQuery }),
  invalid: 'invalid_query',
  response: journeyStatsSchema,
  answers: { 404: 'Unknown journey, or a version never published' },
});

export const statsEndpoints = [journeyStats] as const;
