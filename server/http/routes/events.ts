import type { FastifyInstance } from 'fastify';
import { parseCustomerEvent, plainMessages, zodProblems, type CustomerEvent } from '../../../engine/index';
import { storeAndApply } from '../../store/event-effects';
import type { AppContext } from '../context';

export const MAX_EVENTS_PER_REQUEST = 1000;

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  /**
   * One event or an array. Each good event is stored before the answer; a bad one is reported by
   * its index and does not stop the others. 202 means stored, routed to journeys soon after.
   * A stored event is applied in the same transaction to the tables it keeps current (orders,
   * customers); its data is checked against its type's schema first, so bad order data is refused
   * rather than stored.
   */
  app.post('/api/events', async (request, reply) => {
    const items: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
    if (items.length === 0) {
      const message = 'body: an empty list; send an event or an array of events';
      return reply.code(400).send({ error: 'no_events', message, problems: [{ path: 'body', code: 'no_events', message }] });
    }
    if (items.length > MAX_EVENTS_PER_REQUEST) {
      return reply.code(400).send({ error: 'too_many_events', message: `send at most ${MAX_EVENTS_PER_REQUEST} events per request` });
    }
    const accepted: { index: number; id: string; duplicate: boolean }[] = [];
    const rejected: { index: number; problems: ReturnType<typeof zodProblems> }[] = [];
    for (const [index, item] of items.entries()) {
      const parsed = parseCustomerEvent(item, plainMessages);
      if (!parsed.success) {
        rejected.push({ index, problems: zodProblems(parsed.error, []) });
        continue;
      }
      const event: CustomerEvent = parsed.data;
      const { stored } = await storeAndApply(ctx.db, event);
      accepted.push({ index, id: event.id, duplicate: !stored });
    }
    if (accepted.length > 0) void ctx.router.kick().catch((e: Error) => ctx.log.warn({ err: e.message }, 'event routing pass failed'));
    return reply.code(accepted.length > 0 ? 202 : 400).send({ accepted, rejected });
  });
}
