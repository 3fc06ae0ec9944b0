import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';
import { asOfSchema } from './kpis';

export const MAX_ENROL_CUSTOMERS = 10_000;

export const enrolBodySchema = z.object({
  customerIds: z
    .array(
      z.string().trim().min(1, 'a customer id cannot be empty').max(200, 'a customer id has at most 200 characters'),
      'give customerIds as an array of customer ids',
    )
    .min(1, 'give at least one customer id')
    .max(MAX_ENROL_CUSTOMERS, `at most ${MAX_ENROL_CUSTOMERS} customer ids per request`),
  requestId: z
    .string()
    .min(1)
    .max(100, 'requestId has at most 100 characters')
    .optional()
    .meta({ description: 'Repeat a request with the same requestId to retry it without enrolling anyone twice; one is made up when absent.' }),
});

export const calendarRunQuerySchema = z.object({ asOf: asOfSchema });

export const runCalendar = endpoint({
  method: 'POST',
  path: '/api/calendar/run',
  access: 'admin',
  summary: 'Customers due per rule, and how many events were new',
  description:
    'Runs the daily calendar job now: for each rule of the live journeys’ date triggers, stores one calendar.due event per customer due on the shop’s day of asOf (default now). Ids are per rule, customer and day, so a second run the same day stores nothing.',
  query: calendarRunQuerySchema,
  invalid: 'invalid_query',
  response: z.object({
    asOf: z.string(),
    day: z.string(),
    due: z.number(),
    stored: z.number(),
    rules: z.array(z.object({ rule: z.string(), due: z.number(), stored: z.number() })),
  }),
  answers: { 503: 'The calendar job is not available in this process' },
});

export const enrolCustomers = endpoint({
  method: 'POST',
  path: '/api/journeys/:id/enrol',
  access: 'marketer',
  summary: 'Stored; enrolled moments later',
  description:
    'Enrols the listed customers in this live journey, whatever its trigger: one journey.enrol event per customer, routed like any event; each customer enters once, by the journey’s re-entry rules. A repeated requestId stores nothing new.',
  params: idParams,
  body: enrolBodySchema,
  invalid: 'invalid_body',
  status: 202,
  response: z.object({ journeyId: z.string(), requestId: z.string(), customers: z.number(), stored: z.number() }),
  answers: { 400: 'A bad field, or an unknown customer, by path', 404: 'Unknown journey', 409: 'The journey is not live' },
});

export const triggerEndpoints = [runCalendar, enrolCustomers] as const;
