import { isOrderEventType, type CustomerEvent, type CustomerUpdatedData, type OrderEventType } from '../../engine/index';
import { applyCouponUse } from '../coupons/redemption';
import type { Db } from '../db/database';
import { Customers } from '../customers/customers';
import { Events } from './event-log';
import { Orders, type OrderEventOutcome } from '../customers/orders';

export interface StoredEvent {
  /** False when the id was known: a duplicate is neither stored nor applied again. */
  stored: boolean;
  /** What an order event did to the orders table. */
  order?: OrderEventOutcome;
}

/**
 * Stores an event (validated, envelope and data) and applies it to the tables it keeps current —
 * in one transaction, so an event is never in the log without its effect, nor applied twice.
 *
 * Events apply in time order whatever order they arrive in: a known id is a duplicate and changes
 * nothing at all (checked first, before any table is touched); otherwise each profile field, order
 * value and step time is set only where no event with a later `occurredAt` set it.
 */
export async function storeAndApply(db: Db, event: CustomerEvent): Promise<StoredEvent> {
  return db.transaction().execute(async (tx) => {
    const stored = await new Events(tx).append(event);
    if (!stored) return { stored };
    const customers = new Customers(tx);
    const said = event.data.customer;
    if (said && typeof said === 'object') await customers.upsertFromEvent(event.customerId, said as Record<string, unknown>, event.occurredAt);
    if (isOrderEventType(event.type)) {
      const order = await new Orders(tx).applyEvent(event as CustomerEvent & { type: OrderEventType });
      await applyCouponUse(tx, event);
      return { stored, order };
    }
    if (event.type === 'customer.updated') await customers.applyUpdate(event.customerId, event.data as CustomerUpdatedData, event.occurredAt);
    return { stored };
  });
}
