import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { enrolCustomers, runCalendar } from '../../../contract/index';
import { manualEnrolEventType, type CustomerEvent } from '../../../engine/index';
import { resolveAsOf } from '../../kpis/moments';
import type { AppContext } from '../context';
import { route } from '../endpoint';

/** The calendar job run on demand, and manual (API) enrolment of a list of customers. */
export function triggerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const kick = () => void ctx.router.kick().catch((e: Error) => ctx.log.warn({ err: e.message }, 'event routing pass failed'));

  /** What the hourly calendar schedule does, now (or for the shop's day of `asOf`); admin only. */
  route(app, runCalendar, async ({ query, reply }) => {
    if (!ctx.triggers) return reply.code(503).send({ error: 'unavailable', message: 'the calendar job is not available in this process' });
    const asOf = new Date(resolveAsOf(query.asOf, (await ctx.settings.shop()).timezone));
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
  route(app, enrolCustomers, async ({ params, body, reply }) => {
    const journeyId = params.id;
    const journey = await ctx.db.selectFrom('journeys').select(['status']).where('id', '=', journeyId).executeTakeFirst();
    if (!journey) return reply.code(404).send({ error: 'not_found', message: `no journey with id "${journeyId}"` });
    if (journey.status !== 'live') {
      return reply.code(409).send({ error: 'not_live', message: `journey "${journeyId}" is ${journey.status}; only a live journey enrols customers` });
    }
    const ids = [...new Set(body.customerIds)];
    const known = new Set((await ctx.db.selectFrom('customers').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const unknown = body.customerIds.flatMap((id, index) =>
      known.has(id) ? [] : [{ path: `customerIds[${index}]`, code: 'unknown_customer', message: `customerIds[${index}]: no customer "${id}"` }],
    );
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 20);
      return reply.code(400).send({
        error: 'invalid_body',
        message: shown.map((p) => p.message).join('; ') + (unknown.length > shown.length ? `; and ${unknown.length - shown.length} more` : ''),
        problems: shown,
      });
    }
    const requestId = body.requestId ?? randomUUID();
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
    return { journeyId, requestId, customers: ids.length, stored };
  });
}
