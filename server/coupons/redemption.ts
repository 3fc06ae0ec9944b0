import { sql } from 'kysely';
import type { CustomerEvent, OrderEventData } from '../../engine/index';
import type { Db } from '../db/database';

/**
 * Records coupon use from order events, inside the event's own transaction. `order.created` with
 * `couponCodes` claims the codes for the order; `order.paid` redeems the codes it names and those
 * the order claimed. Only the customer's own codes, unexpired when the order event happened and
 * not redeemed before, are touched: someone else's code or an expired one stays as it was.
 */
export async function applyCouponUse(tx: Db, event: CustomerEvent): Promise<void> {
  if (event.type !== 'order.created' && event.type !== 'order.paid') return;
  const data = event.data as OrderEventData;
  const codes = data.couponCodes ?? [];
  const at = new Date(event.occurredAt);
  const paid = event.type === 'order.paid';
  if (codes.length > 0) {
    await tx
      .updateTable('coupon_codes')
      .set(paid ? { redeemed_order_id: data.orderId, redeemed_at: at } : { redeemed_order_id: data.orderId })
      .where('code', 'in', codes)
      .where('customer_id', '=', event.customerId)
      .where('redeemed_at', 'is', null)
      .where('expires_at', '>', at)
      .execute();
  }
  if (!paid) return;
  // Codes claimed when the order was created were checked then; paying redeems them.
  await tx
    .updateTable('coupon_codes')
    .set({ redeemed_at: at })
    .where('redeemed_order_id', '=', data.orderId)
    .where('customer_id', '=', event.customerId)
    .where('redeemed_at', 'is', null)
    .execute();
}

/**
 * Coupon use for a batch of events, in the order given: events naming codes one by one (rare), and
 * each run of `order.paid` events naming none — which only redeem what their orders claimed — in
 * one statement, the first payment of an order in the run standing, as it would one by one.
 */
export async function applyCouponUses(tx: Db, events: readonly CustomerEvent[]): Promise<void> {
  let run = new Map<string, { orderId: string; customerId: string; at: Date }>();
  const flush = async () => {
    if (run.size === 0) return;
    const rows = [...run.values()].map((r) => sql`(${r.orderId}::text, ${r.customerId}::text, ${r.at}::timestamptz)`);
    run = new Map();
    await sql`update coupon_codes set redeemed_at = v.at
      from (values ${sql.join(rows)}) as v (order_id, customer_id, at)
      where coupon_codes.redeemed_order_id = v.order_id and coupon_codes.customer_id = v.customer_id and coupon_codes.redeemed_at is null`.execute(tx);
  };
  for (const event of events) {
    if (event.type !== 'order.created' && event.type !== 'order.paid') continue;
    const data = event.data as OrderEventData;
    if (event.type === 'order.paid' && (data.couponCodes ?? []).length === 0) {
      const key = `${data.orderId}\u0000${event.customerId}`;
      if (!run.has(key)) run.set(key, { orderId: data.orderId, customerId: event.customerId, at: new Date(event.occurredAt) });
      continue;
    }
    if ((data.couponCodes ?? []).length === 0) continue;
    await flush();
    await applyCouponUse(tx, event);
  }
  await flush();
}
