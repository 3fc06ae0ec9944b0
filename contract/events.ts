import { z } from 'zod';
import { customerEvent } from './common';
import { endpoint } from './endpoint';
import { problemSchema } from './errors';

export const MAX_EVENTS_PER_REQUEST = 1000;

export const eventsAnswerSchema = z.object({
  accepted: z.array(z.object({ index: z.number(), id: z.string(), duplicate: z.boolean() })),
  rejected: z.array(z.object({ index: z.number(), problems: z.array(problemSchema) })),
});

export const postEvents = endpoint({
  method: 'POST',
  path: '/api/events',
  access: 'marketer',
  summary: 'Stores customer events; bad ones reported by index',
  description:
    'One event or an array of up to 1,000. Each good event is stored before the answer and routed to journeys soon after; a bad one (or one dated more than a day ahead) is reported by its index and does not stop the others.',
  body: z.union([customerEvent, z.array(customerEvent)]),
  // Each event is checked on its own, so one bad event does not refuse the others.
  bodyCheckedBy: 'handler',
  bodyLimit: 5 * 1024 * 1024,
  status: 202,
  response: eventsAnswerSchema,
  answers: {
    400: {
      description: 'No event was acceptable (or none, or too many, were sent)',
      schema: z.union([eventsAnswerSchema, z.object({ error: z.string(), message: z.string(), problems: z.array(problemSchema).optional() })]),
    },
  },
});

export const eventEndpoints = [postEvents] as const;
