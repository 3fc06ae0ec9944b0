import type { FastifyInstance } from 'fastify';
import { MAX_EVENTS_PER_REQUEST, postEvents } from '../../../contract/index';
import { isTooFarAhead, parseCustomerEvent, plainMessages, tooFarAheadMessage, zodProblems, type CustomerEvent } from '../../../engine/index';
import { storeAndApplyBatch } from '../../events/event-effects';
import { GroupCommit } from '../../events/group-commit';
import type { AppContext } from '../context';
import { requestLocale } from '../locale';
import { route } from '../endpoint';

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Requests arriving together share a transaction; each is answered after its commit.
  const store = new GroupCommit((events) => storeAndApplyBatch(ctx.db, events));
  ctx.router.giveWayTo(() => store.busy);
  /**
   * One event or an array. Each good event is stored before the answer; a bad one is reported by
   * its index and does not stop the others. 202 means stored, routed to journeys soon after.
   * A stored event is applied in the same transaction to the tables it keeps current (orders,
   * customers); its data is checked against its type's schema first, so bad order data is refused
   * rather than stored, and so is an event dated more than a day ahead of the server's clock.
   * Events apply in time order: a duplicate id changes nothing, and an older event does not
   * overwrite what a newer one set (server/events/event-effects.ts). The good events are stored
   * and applied as one batch, set-based, in one transaction (shared with requests arriving at the
   * same moment, server/events/group-commit.ts).
   */
  route(app, postEvents, async ({ body, request, reply }) => {
    // Problems are worded in the caller's language (?locale, Accept-Language), each naming its field.
    const locale = requestLocale(request);
    const items: unknown[] = Array.isArray(body) ? body : [body];
    if (items.length === 0) {
      const message = 'body: an empty list; send an event or an array of events';
      return reply.code(400).send({ error: 'no_events', message, problems: [{ path: 'body', code: 'no_events', message }] });
    }
    if (items.length > MAX_EVENTS_PER_REQUEST) {
      const message = locale === 'zh-CN' ? `每次最多发送 ${MAX_EVENTS_PER_REQUEST} 个事件` : `send at most ${MAX_EVENTS_PER_REQUEST} events per request`;
      return reply.code(400).send({ error: 'too_many_events', message });
    }
    const good: { index: number; event: CustomerEvent }[] = [];
    const rejected: { index: number; problems: ReturnType<typeof zodProblems> }[] = [];
    for (const [index, item] of items.entries()) {
      const parsed = parseCustomerEvent(item, plainMessages);
      if (!parsed.success) {
        rejected.push({ index, problems: zodProblems(parsed.error, [], locale) });
        continue;
      }
      const event: CustomerEvent = parsed.data;
      // Dated more than a day ahead: refused, not stored, so it can neither win every later
      // comparison of times nor sit uncounted until its date.
      const at = new Date(event.occurredAt);
      const now = new Date();
      if (isTooFarAhead(at, now)) {
        rejected.push({
          index,
          problems: [{ path: 'occurredAt', code: 'invalid', message: `occurredAt: ${tooFarAheadMessage(requestLocale(request), at, now)}` }],
        });
        continue;
      }
      good.push({ index, event });
    }
    const answers = await store.store(good.map((g) => g.event));
    const accepted = good.map(({ index, event }, i) => ({ index, id: event.id, duplicate: !answers[i]!.stored }));
    if (accepted.length > 0) void ctx.router.kick().catch((e: Error) => ctx.log.warn({ err: e.message }, 'event routing pass failed'));
    return reply.code(accepted.length > 0 ? 202 : 400).send({ accepted, rejected });
  });
}
