import { z } from 'zod';
import { simulateBodySchema } from './routes/simulate';

/** OpenAPI paths of simulation, stopping and conversions (docs/api.md). */
export function journeyLifePaths(problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const id = z.object({ id: z.string() });
  const step = z.object({ at: z.string(), nodeId: z.string(), outcome: z.string() });
  const message = z.object({ at: z.string(), nodeId: z.string(), channel: z.string(), text: z.string(), subject: z.string().optional(), status: z.string(), reason: z.string().optional() });
  return {
    '/api/simulate': {
      post: {
        description:
          'Runs a journey (a document, or a stored one by id) for one customer (made up, or stored by id) on a virtual clock with the production interpreter, honouring quiet hours and frequency caps. Nothing is sent or stored.',
        requestBody: { content: { 'application/json': { schema: simulateBodySchema } } },
        responses: {
          200: json(z.object({ entered: z.boolean(), steps: z.array(step), messages: z.array(message), exitedAt: z.string().nullable(), reason: z.string(), waitingAt: z.string().optional() }), 'What would happen'),
          400: json(z.object({ error: z.string(), message: z.string(), problems: z.array(problem) }), 'A bad field, or a journey with problems'),
          404: { description: 'Unknown journey id' },
          422: json(
            z.object({
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
            'The run went past a limit of its budget: the timeline so far, and which limit',
          ),
        },
      },
    },
    '/api/journeys/{id}/stop': {
      post: { description: 'Stops a journey: nobody enters, everyone inside leaves at once (exit reason `stopped`).', requestParams: { path: id }, responses: { 200: { description: 'Stopped' }, 404: { description: 'Unknown journey' } } },
    },
    '/api/journeys/{id}/conversions': {
      get: {
        description: 'Conversions of the journey’s goal, credited to the last message it sent within the goal window, by node and version.',
        requestParams: { path: id },
        responses: { 200: json(z.object({ goal: z.unknown(), conversions: z.object({ total: z.number(), byNode: z.record(z.string(), z.number()), byVersion: z.record(z.string(), z.number()) }) }), 'Counts'), 404: { description: 'Unknown journey' } },
      },
    },
  };
}
