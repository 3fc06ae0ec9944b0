import { isOrderEventType, type CustomerEvent, type CustomerUpdatedData } from '../../engine/index';
import { applyCouponUses } from '../coupons/redemption';
import type { Db } from '../db/database';
import { changeFromSaid, changeFromUpdate, Customers, type ProfileChange } from '../customers/customers';
import { applyOrderEvents } from '../customers/order-events';
import type { OrderEventOutcome } from '../customers/orders';
import { Events } from './event-log';

export interface StoredEvent {
  /** False when the id was known: a duplicate is neither stored nor applied again. */
  stored: boolean;
  /** What an order event did to the orders table. */
  order?: OrderEventOutcome;
}

/** Times a batch is tried again when PostgreSQL ends it to break a deadlock with another batch. */
const DEADLOCK_RETRIES = 3;

/**
 * Stores an event (validated, envelope and data) and applies it to the tables it keeps current —
 * in one transaction, so an event is never in the log without its effect, nor applied twice.
 *
 * Events apply in time order whatever order they arrive in: a known id is a duplicate and changes
 * nothing at all (checked first, before any table is touched); otherwise each profile field, order
 * value and step time is set only where no event with a later `occurredAt` set it.
 */
export async function storeAndApply(db: Db, event: CustomerEvent): Promise<StoredEvent> {
  return (await storeAndApplyBatch(db, [event]))[0]!;
}

/**
 * Stores and applies a batch of events in one transaction, set-based: one insert into the event
 * log (which tells the duplicates), then the new events' profile changes, order changes and coupon
 * use, each in a few multi-row statements (customers.ts applyChanges, order-events.ts,
 * redemption.ts) that keep the rules of one event at a time — an entity's events apply in the
 * order given, a later `occurredAt` wins per field. Answers per event, in the order given; an id
 * given twice is stored once, the second time answered as a duplicate.
 */
export async function storeAndApplyBatch(db: Db, events: readonly CustomerEvent[]): Promise<StoredEvent[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((tx) => applyInTransaction(tx, events));
    } catch (e) {
      // Two batches about the same customers or orders can lock them in different orders.
      if ((e as { code?: unknown }).code !== '40P01' || attempt >= DEADLOCK_RETRIES) throw e;
    }
  }
}

async function applyInTransaction(tx: Db, events: readonly CustomerEvent[]): Promise<StoredEvent[]> {
  const newIds = await new Events(tx).appendBatch(events);
  const fresh: CustomerEvent[] = [];
  const answered = new Set<string>();
  const firstTime = events.map((event) => {
    const isNew = newIds.has(event.id) && !answered.has(event.id);
    answered.add(event.id);
    if (isNew) fresh.push(event);
    return isNew;
  });
  const changes: ProfileChange[] = [];
  for (const event of fresh) {
    const said = event.data.customer;
    if (said && typeof said === 'object') {
      const change = changeFromSaid(event.customerId, said as Record<string, unknown>, event.occurredAt);
      if (change) changes.push(change);
    }
    if (event.type === 'customer.updated') changes.push(changeFromUpdate(event.customerId, event.data as CustomerUpdatedData, event.occurredAt));
  }
  await new Customers(tx).applyChanges(changes);
  const orders = await applyOrderEvents(tx, fresh);
  await applyCouponUses(tx, fresh);
  return events.map((event, i) => {
    if (!firstTime[i]) return { stored: false };
    const order = orders.get(event.id);
    return isOrderEventType(event.type) && order ? { stored: true, order } : { stored: true };
  });
}
