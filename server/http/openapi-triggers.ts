import { z } from 'zod';
import { calendarRunQuerySchema, enrolBodySchema } from './routes/triggers';

/** OpenAPI paths of the calendar job and manual enrolment (docs/api.md). */
export function triggerPaths(problem: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const bad = json(z.object({ error: z.string(), message: z.string(), problems: z.array(problem) }), 'A bad field, by path');
  return {
    '/api/calendar/run': {
      post: {
        description:
          'Runs the daily calendar job now (admin): for each rule of the live journeys’ date triggers, stores one calendar.due event per customer due on the shop’s day of asOf (default now). Ids are per rule, customer and day, so a second run the same day stores nothing.',
        requestParams: { query: calendarRunQuerySchema },
        responses: {
          200: json(
            z.object({ asOf: z.string(), day: z.string(), due: z.number(), stored: z.number(), rules: z.array(z.object({ rule: z.string(), due: z.number(), stored: z.number() })) }),
            'Customers due per rule, and how many events were new',
          ),
          400: bad,
          403: { description: 'Not an admin token' },
        },
      },
    },
    '/api/journeys/{id}/enrol': {
      post: {
        description:
          'Enrols the listed customers in this live journey, whatever its trigger (marketer or admin): one journey.enrol event per customer, routed like any event; each customer enters once, by the journey’s re-entry rules. A repeated requestId stores nothing new.',
        requestParams: { path: z.object({ id: z.string() }) },
        requestBody: { content: { 'application/json': { schema: enrolBodySchema } } },
        responses: {
          202: json(z.object({ journeyId: z.string(), requestId: z.string(), customers: z.number(), stored: z.number() }), 'Stored; enrolled moments later'),
          400: bad,
          403: { description: 'An analyst token' },
          404: { description: 'Unknown journey' },
          409: { description: 'The journey is not live' },
        },
      },
    },
  };
}
