import type { CustomerEvent } from '../../engine/index';

/** The kinds of events the ingest bench posts. */
export type EventKind = 'non-order' | 'order';

/**
 * `count` events of a kind for `customers` customers, ids unique to `run`. Non-order events
 * alternate a shop's own event (`product.viewed`) and `customer.updated` (a region and an
 * attribute, so profiles are upserted and facts followed); order events are `order.created` (with
 * an amount and what the order says of its customer) for the first half and `order.paid` of the
 * same orders for the second, so both the insert and the update path of an order are taken.
 */
export function benchEvents(run: string, kind: EventKind, count: number, customers: number): CustomerEvent[] {
  const at = new Date(Date.now() - 60_000).toISOString();
  const customer = (i: number) => `bench-${run}-c${i % customers}`;
  if (kind === 'non-order')
    return Array.from({ length: count }, (_, i) =>
      i % 2 === 0
        ? { id: `${run}-v${i}`, type: 'product.viewed', customerId: customer(i), occurredAt: at, data: { productId: `p-${i % 50}` } }
        : {
            id: `${run}-u${i}`,
            type: 'customer.updated',
            customerId: customer(i),
            occurredAt: at,
            data: { region: `r-${i % 7}`, attributes: { level: `l${i % 3}` } },
          },
    );
  const half = Math.ceil(count / 2);
  return Array.from({ length: count }, (_, i) => {
    const n = i % half;
    const orderId = `${run}-o${n}`;
    return i < half
      ? {
          id: `${run}-oc${n}`,
          type: 'order.created',
          customerId: customer(n),
          occurredAt: at,
          data: { orderId, amount: 100 + (n % 50), customer: { name: `顾客${n}`, phone: `138${String(n).padStart(8, '0')}` } },
        }
      : { id: `${run}-op${n}`, type: 'order.paid', customerId: customer(n), occurredAt: at, data: { orderId } };
  });
}

/** Splits a list into pieces of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
