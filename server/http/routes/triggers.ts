import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { manualEnrolEventType, plainMessages, zodProblems, type CustomerEvent } from '../../../engine/index';
import { resolveAsOf } from '../../kpis/moments';
import { kpiQuerySchema } from '../../kpis/types';
import type { AppContext } from '../context';
import { access } from '../route-access';

export const MAX_ENROL_CUSTOMERS = 10_000;

export const enrolBodySchema = z.object({
  customerIds: z
    .array(z.string().trim().min(1, 'a customer id cannot be empty').max(200, 'a customer id has at most 200 characters'), 'give customerIds as an array of customer ids')
    .min(1, 'give at least one customer id')
    .max(MAX_ENROL_CUSTOMERS, `at most ${MAX_ENROL_CUSTOMERS} customer ids per request`),
  requestId: z
    .string()
    .min(1)
    .max(100, 'requestId has at most 100 characters')
    .optional()
    .meta({ description: 'Repeat a request with the same requestId to retry it without enrolling anyone twice; one is made up when absent.' }),
});

export const calendarRunQuerySchema = kpiQuerySchema.pick({ asOf: true });

const invalid = (reply: FastifyReply, error: z.ZodError, code: string) => {
  const problems = zodProblems(error, []);
  return reply.code(400).send({ error: code, message: problems.map((p) => p.message).join('; '), problems });
};

/** The calendar job run on demand, and manual (API) enrolment of a list of customers. */
export function triggerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const kick = () => void ctx.router.kick().catch((e: Error) => ctx.log.warn({ err: e.message }, 'event routing pass failed'));

  /** What the 00:05 schedule does, now (or for the shop's day of `asOf`); admin only. */
  app.post('/api/calendar/run', access('admin'), async (request, reply) => {
    const query = calendarRunQuerySchema.safeParse(request.query, plainMessages);
    if (!query.success) return invalid(reply, query.error, 'invalid_query');
    if (!ctx.triggers) return reply.code(503).send({ error: 'unavailable', message: 'the calendar job is not available in this process' });
    const asOf = new Date(resolveAsOf(query.data.asOf, (await ctx.settings.shop()).timezone));
    const summary = await ctx.triggers.runCalendar(asOf);
    if (summary.stored > 0) kick();
    ctx.log.info({ day: summary.day, due: summary.due, stored: summary.stored }, 'calendar job run');
    return { asOf: asOf.toISOString(), ...summary };
  });

  /**
   * Enrols the listed customers in this journey, whatever its trigger: one `journey.enrol` event
   * per customer (id per request and customer, so a retried request enrols nobody twice), routed
   * like any event. 202: stored, enrolled moments later.
   */
  app.post<{ Params: { id: string } }>('/api/journeys/:id/enrol', access('marketer'), async (request, reply) => {
    const body = enrolBodySchema.safeParse(request.body ?? {}, plainMessages);
    if (!body.success) return invalid(reply, body.error, 'invalid_body');
    const journeyId = request.params.id;
    const journey = await ctx.db.selectFrom('journeys').select(['status']).where('id', '=', journeyId).executeTakeFirst();
    if (!journey) return reply.code(404).send({ error: 'not_found', message: `no journey with id "${journeyId}"` });
    if (journey.status !== 'live') {
      return reply.code(409).send({ error: 'not_live', message: `journey "${journeyId}" is ${journey.status}; only a live journey enrols customers` });
    }
    const ids = [...new Set(body.data.customerIds)];
    const known = new Set((await ctx.db.selectFrom('customers').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const unknown = body.data.customerIds.flatMap((id, index) => (known.has(id) ? [] : [{ path: `customerIds[${index}]`, code: 'unknown_customer', message: `customerIds[${index}]: no customer "${id}"` }]));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 20);
      return reply.code(400).send({ error: 'invalid_body', message: shown.map((p) => p.message).join('; ') + (unknown.length > shown.length ? `; and ${unknown.length - shown.length} more` : ''), problems: shown });
    }
    const requestId = body.data.requestId ?? randomUUID();
    const occurredAt = new Date().toISOString();
    const events: CustomerEvent[] = ids.map((customerId) => ({
      id: `enrol:${journeyId}:${requestId}:${customerId}`,
      type: manualEnrolEventType,
      customerId,
      occurredAt,
      data: { journeyId, requestId },
    }));
    const stored = await ctx.events.appendMany(events);
    if (stored > 0) kick();
    ctx.log.info({ journeyId, customers: ids.length, stored }, 'manual enrolment stored');
    return reply.code(202).send({ journeyId, requestId, customers: ids.length, stored });
  });
}
