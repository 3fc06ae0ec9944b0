import { z } from 'zod';
import type { SimulationResult } from '../engine/simulate/simulate';
import { endpoint } from './endpoint';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-11T20:00:00+08:00' });

export const simulateBodySchema = z
  .strictObject(
    {
      journey: z
        .union([z.string().min(1), z.record(z.string(), z.unknown())], { error: 'must be a journey id or a journey document' })
        .meta({ description: 'A stored journey (its current draft) by id, or a journey document' }),
      customer: z
        .union(
          [
            z.string().min(1),
            z.looseObject({ id: z.string().min(1).max(200).default('simulated-customer'), facts: z.record(z.string(), z.unknown()).default({}) }),
          ],
          {
            error: 'must be a customer id or { id?, name?, phone?, timezone?, facts? }',
          },
        )
        .meta({ description: 'A stored customer by id (profile and facts now), or a made-up one' }),
      events: z
        .array(z.strictObject({ at: instant, type: z.string().min(1, 'is required').max(100), data: z.record(z.string(), z.unknown()).default({}) }))
        .min(1, 'give at least the event that enrols the customer')
        .max(500, 'at most 500 events'),
      from: instant.optional(),
      until: instant.optional(),
    },
    { error: 'must be an object' },
  )
  .meta({ id: 'SimulationInput' });

const enrolmentNumber = z.number().int().optional().meta({ description: 'Which enrolment (1, 2, …) when the run entered the customer more than once' });
const step = z.object({ at: z.string(), nodeId: z.string(), outcome: z.string(), enrolment: enrolmentNumber });
const message = z.object({
  at: z.string(),
  nodeId: z.string(),
  channel: z.string(),
  text: z.string(),
  subject: z.string().optional(),
  status: z.string().meta({
    description: 'sent, held (at `at`, when quiet hours end or the send rate has room), capped, skipped_quiet_hours, skipped_no_recipient, open (a staff task)',
  }),
  reason: z.string().optional(),
  enrolment: enrolmentNumber,
});
const enrolmentOutcome = z.object({
  enrolment: z.number().int(),
  entryKey: z.string().optional().meta({ description: 'The order id of a per-order entry' }),
  enteredAt: z.string(),
  exitedAt: z.string().nullable(),
  reason: z.string(),
  waitingAt: z.string().optional(),
});

/** What would happen: the engine's SimulationResult, field by field (the check below keeps them equal). */
export const simulationResultSchema = z
  .object({
    entered: z.boolean(),
    steps: z.array(step),
    messages: z.array(message),
    exitedAt: z.string().nullable().meta({ description: 'Null while the customer is still inside at `until`' }),
    reason: z.string().meta({ description: 'exit-node, exit-when <event>, step-limit, not-entered, still-inside, or budget' }),
    waitingAt: z.string().optional(),
    budget: z.object({ limit: z.enum(['steps', 'messages', 'clockMoves', 'wallMs', 'responseBytes']), max: z.number() }).optional(),
    enrolments: z.array(enrolmentOutcome).optional().meta({ description: "Each enrolment's end, when the run entered the customer more than once" }),
  })
  .meta({ id: 'SimulationResult' });

// The engine's result and the wire's schema describe the same thing; a field added to one fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultMatchesEngine: Same<z.infer<typeof simulationResultSchema>, SimulationResult> = true;
void resultMatchesEngine;

export const simulate = endpoint({
  method: 'POST',
  path: '/api/simulate',
  access: 'analyst',
  summary: 'What would happen',
  description:
    "Runs a journey (a document, or a stored one by id) for one customer (made up, or stored by id) on a virtual clock with the production journey driver: the customer enters as the event router would enter them (per order, re-entry rules), and messages meet the outbox's guardrails (quiet hours, frequency caps with their arbitration window, the journey's send rate). Nothing is sent or stored.",
  body: simulateBodySchema,
  invalid: 'invalid_simulation',
  response: simulationResultSchema,
  answers: {
    400: 'A bad field, or a journey with problems',
    404: 'Unknown journey id',
    422: {
      description: 'The run went past a limit of its budget: the timeline so far, and which limit',
      schema: z.object({
        error: z.literal('simulation_budget'),
        limit: z.enum(['steps', 'messages', 'clockMoves', 'wallMs', 'responseBytes']),
        max: z.number(),
        message: z.string(),
        entered: z.boolean(),
        steps: z.array(step),
        messages: z.array(message),
        exitedAt: z.null(),
        reason: z.literal('budget'),
        waitingAt: z.string(),
      }),
    },
  },
});

export const simulateEndpoints = [simulate] as const;
