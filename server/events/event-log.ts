import { sql } from 'kysely';
import { bulkEntryEventTypes, type CustomerEvent } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';

/** Rows per INSERT in appendMany: six parameters a row stays far below PostgreSQL's 65,535. */
const APPEND_BATCH = 1000;

/** The event log. An event is stored before it is acknowledged, then routed to journeys. */
export class Events {
  constructor(private readonly db: Db) {}

  /** Stores the event unless its id is known; returns false for a duplicate. */
  async append(event: CustomerEvent): Promise<boolean> {
    const inserted = await this.db
      .insertInto('events')
      .values({ id: event.id, type: event.type, customer_id: event.customerId, occurred_at: event.occurredAt, data: json(event.data) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * Stores a batch of events in one statement and answers which were new: an id already in the
   * log is a duplicate, found by the same statement (`on conflict do nothing … returning`); an id
   * given twice in the batch counts once, the first time. Received times step by a microsecond,
   * so the router keeps the batch's order.
   */
  async appendBatch(events: readonly CustomerEvent[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const first = events.filter((e) => !seen.has(e.id) && seen.add(e.id));
    if (first.length === 0) return new Set();
    const inserted = await this.db
      .insertInto('events')
      .values(
        first.map((event, i) => ({
          id: event.id,
          type: event.type,
          customer_id: event.customerId,
          occurred_at: event.occurredAt,
          data: json(event.data),
          received_at: sql<Date>`now() + ${i} * interval '1 microsecond'`,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    return new Set(inserted.map((r) => r.id));
  }

  /**
   * Stores many events (a bulk facts refresh may report a million changes), a thousand to a
   * statement rather than one round trip each; ids already known are skipped. Received times step
   * by a microsecond within a statement, so routing keeps the order given. Returns how many were new.
   */
  async appendMany(events: readonly CustomerEvent[]): Promise<number> {
    let added = 0;
    for (let from = 0; from < events.length; from += APPEND_BATCH) added += (await this.appendBatch(events.slice(from, from + APPEND_BATCH))).size;
    return added;
  }

  /** Events not yet routed, oldest first. */
  /**
   * The next events to route, oldest first — customers' own events before bulk entries (a
   * broadcast's or the date run's thousands, facts changes, bulk enrolment: engine/journey/lane.ts),
   * so a payment reminder's order is not routed behind a 100,000-customer broadcast's entries. A
   * customer's own events keep their order among themselves, as do the bulk entries.
   */
  async unrouted(limit: number): Promise<CustomerEvent[]> {
    const unrouted = () => this.db.selectFrom('events').selectAll().where('routed_at', 'is', null).orderBy('received_at').orderBy('id');
    const own = await unrouted()
      .where('type', 'not in', [...bulkEntryEventTypes])
      .limit(limit)
      .execute();
    const bulk =
      own.length < limit
        ? await unrouted()
            .where('type', 'in', [...bulkEntryEventTypes])
            .limit(limit - own.length)
            .execute()
        : [];
    return [...own, ...bulk].map((r) => ({ id: r.id, type: r.type, customerId: r.customer_id, occurredAt: r.occurred_at.toISOString(), data: r.data }));
  }

  async markRouted(id: string): Promise<void> {
    await this.markAllRouted([id]);
  }

  /** Marks a pass's routed events in one statement. */
  async markAllRouted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('events')
      .set({ routed_at: new Date(), routing_error: null })
      .where('id', 'in', [...ids])
      .execute();
  }

  async markRoutingFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('events')
      .set({ routing_error: error.slice(0, 500) })
      .where('id', '=', id)
      .execute();
  }
}
