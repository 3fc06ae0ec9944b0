import { isValidTimeZone, localDate } from './dates';
import type { CustomerEvent } from '../events/schema';
import type { IssuedCoupon } from '../nodes/define';

/**
 * The facts a decision is evaluated against, built from what the runtime loaded at that moment.
 * Names match the fact catalog.
 */
export function decisionFacts(input: {
  event: CustomerEvent;
  lastEvent?: CustomerEvent | undefined;
  /** The profile; its `facts` (CustomerFacts, when loaded) become top-level facts of their own names. */
  customer: Record<string, unknown>;
}): Record<string, unknown> {
  const amount = input.event.data.amount;
  const facts = input.customer.facts;
  return {
    ...(facts && typeof facts === 'object' ? (facts as Record<string, unknown>) : {}),
    event: input.event,
    lastEvent: input.lastEvent ?? null,
    customer: input.customer,
    orderAmount: typeof amount === 'number' ? amount : undefined,
  };
}

/** The variables a message template sees; `coupon` is the one issued earlier in the enrolment. */
export function templateView(input: {
  event: CustomerEvent;
  customer: Record<string, unknown>;
  coupon?: Partial<IssuedCoupon> | undefined;
}): Record<string, unknown> {
  const { orderId, ...rest } = input.event.data;
  return {
    customer: input.customer,
    event: { type: input.event.type, occurredAt: input.event.occurredAt, ...input.event.data },
    order: orderId === undefined ? {} : { id: orderId, ...rest },
    coupon: couponView(input.coupon, input.customer.timezone),
  };
}

/**
 * The coupon as templates see it: its fields, and `expiresOn`, the expiry's calendar date in the
 * customer's time zone (Asia/Shanghai when they have none), which reads better in a message than
 * an instant.
 */
function couponView(coupon: Partial<IssuedCoupon> | undefined, timezone: unknown): Record<string, unknown> {
  if (!coupon) return {};
  const zone = typeof timezone === 'string' && isValidTimeZone(timezone) ? timezone : 'Asia/Shanghai';
  return { ...coupon, ...(coupon.expiresAt ? { expiresOn: localDate(coupon.expiresAt, zone) } : {}) };
}
