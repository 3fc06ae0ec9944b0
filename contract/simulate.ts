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
        .union([z.string().min(1), z.looseObject({ id: z.string().min(1).max(200).default('simulated-customer'), facts: z.record(z.string(), z.unknown()).default({}) })], {
          error: 'must be a customer id or { id?, name?, phone?, timezone?, facts? }',
        })
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

const step = z.object({ at: z.string(), nodeId: z.string(), outcome: z.string() });
const message = z.object({ at: z.string(), nodeId: z.string(), channel: z.string(), text: z.string(), subject: z.string().optional(), status: z.string(), reason: z.string().optional() });

/** What would happen (engine/simulate/simulate.ts SimulationResult); documented by its main fields. */
export const simulationResultSchema = z
  .custom<SimulationResult>()
  .meta({
    id: 'SimulationResult',
    description: 'entered (boolean), steps ({ at, nodeId, outcome }), messages ({ at, nodeId, channel, text, subject?, status, reason? }), exitedAt (null while inside), reason, waitingAt?',
  });

export const simulate = endpoint({
  method: 'POST',
  path: '/api/simulate',
  access: 'analyst',
  summary: 'What would happen',
  description:
    'Runs a journey (a document, or a stored one by id) for one customer (made up, or stored by id) on a virtual clock with the production interpreter, honouring quiet hours and frequency caps. Nothing is sent or stored.',
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
