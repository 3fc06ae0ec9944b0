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
