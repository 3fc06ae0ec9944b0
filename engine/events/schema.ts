import { z } from 'zod';
import { birthdayCalendars, isLunarBirthday } from '../time/lunar-birthday';
import { isBirthday, moneySchema, requiredOr, timeZoneSchema } from './fields';

/**
 * An event from the shop's systems. `id` makes delivery idempotent: the same id posted twice is
 * stored and routed once. Order events carry `data.orderId` and `data.amount`.
 */
export const customerEventSchema = z.object({
  id: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
  type: z
    .string()
    .min(1, 'is required')
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must look like order.created (lower case, dot separated)'),
  customerId: z.string().min(1, 'is required').max(200),
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-11T20:00:00+08:00' }),
  data: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((d) => JSON.stringify(d).length <= 16_384, 'must be at most 16 KB of JSON')
    .refine((d) => d.orderId === undefined || typeof d.orderId === 'string', {
      message: 'orderId must be a string',
      path: ['orderId'],
    })
    .refine((d) => d.amount === undefined || (typeof d.amount === 'number' && d.amount >= 0), {
      message: 'amount must be a number of at least 0',
      path: ['amount'],
    }),
});

export type CustomerEvent = z.infer<typeof customerEventSchema>;

export function orderIdOf(event: Pick<CustomerEvent, 'data'>): string | undefined {
  const id = event.data.orderId;
  return typeof id === 'string' ? id : undefined;
}

/*
 * The data each known event type must carry; `customerEventSchema` above is the envelope every
 * event shares. Types not listed here (a shop's own events) carry any data. Unknown extra data
 * fields are kept: journeys' conditions and templates may use them.
 */

const text = (max: number) => z.string({ error: requiredOr('must be a string') }).max(max, `must be at most ${max} characters`);
const orderId = z
  .string({ error: requiredOr('must be a string') })
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters');
const saidCustomer = z.looseObject({ name: text(200).optional(), phone: text(50).optional(), email: text(320).optional() }, { error: 'must be an object' });

const orderData = z.looseObject({
  orderId,
  amount: moneySchema.optional(),
  discount: moneySchema.optional(),
  productIds: z
    .array(z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200), { error: 'must be an array of product ids' })
    .max(500)
    .optional(),
  customer: saidCustomer.optional(),
  /** Coupon codes the order uses; redeemed when the order is paid (only the customer's own, unexpired). */
  couponCodes: z
    .array(z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(64, 'must be at most 64 characters'), {
      error: 'must be an array of coupon codes',
    })
    .max(20, 'must be at most 20 codes')
    .optional(),
});

/** `order.created`: the amount paid (or to pay) is required. */
export const orderCreatedDataSchema = orderData.extend({ amount: moneySchema });
/** `order.paid|shipped|delivered|closed|refunded`: an unknown order is created only when `amount` is given. */
export const orderStatusDataSchema = orderData;
/** `customer.updated`: each field given replaces the profile's; `null` clears it; attributes are merged. */
export const customerUpdatedDataSchema = z
  .looseObject({
    name: text(200).nullable().optional(),
    phone: text(50).nullable().optional(),
    email: text(320).nullable().optional(),
    // A real Gregorian date, or a 农历 month-day (二月三十 too) when birthdayCalendar says lunar (checked below).
    birthday: z
      .string()
      .refine((b) => isBirthday(b) || isLunarBirthday(b), 'must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)')
      .nullable()
      .optional(),
    /** Which calendar `birthday` is in: `solar` (Gregorian, the default) or `lunar` (农历); kept in the attributes. */
    birthdayCalendar: z.enum(birthdayCalendars, { error: 'must be solar or lunar' }).nullable().optional(),
    timezone: timeZoneSchema.nullable().optional(),
    region: text(200).nullable().optional(),
    attributes: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
  })
  .superRefine(
    (data, ctx) => {
      // Only a birthday the field took for a lunar month-day alone: any other bad one is named by the field.
      if (typeof data.birthday === 'string' && !isBirthday(data.birthday) && isLunarBirthday(data.birthday) && data.birthdayCalendar !== 'lunar') {
        ctx.addIssue({ code: 'custom', path: ['birthday'], message: 'must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)' });
      }
    },
    // Also when another field is bad, so every bad field is named at once.
    { when: () => true },
  );

export type OrderEventData = z.infer<typeof orderData>;
export type CustomerUpdatedData = z.infer<typeof customerUpdatedDataSchema>;

/** The order status each order event sets. */
export const orderEventStatuses = {
  'order.created': 'created',
  'order.paid': 'paid',
  'order.shipped': 'shipped',
  'order.delivered': 'delivered',
  'order.closed': 'closed',
  'order.refunded': 'refunded',
} as const;
export type OrderEventType = keyof typeof orderEventStatuses;

export const eventDataSchemas: Record<string, z.ZodType> = {
  'order.created': orderCreatedDataSchema,
  'order.paid': orderStatusDataSchema,
  'order.shipped': orderStatusDataSchema,
  'order.delivered': orderStatusDataSchema,
  'order.closed': orderStatusDataSchema,
  'order.refunded': orderStatusDataSchema,
  'customer.updated': customerUpdatedDataSchema,
};

export const isOrderEventType = (type: string): type is OrderEventType => Object.hasOwn(orderEventStatuses, type);

/**
 * The envelope and, for a known type, its data: every problem at once, each under its path
 * (`data.amount`), so a bad event can be refused before it is stored.
 */
/**
 * Event types Huitou stores itself (the calendar job, broadcasts, manual enrolment): a client
 * posting one could enrol customers past the endpoints that check for that right.
 */
export const reservedEventTypes = ['calendar.due', 'broadcast.due', 'journey.enrol'] as const;

/** Parses an event a client sends: the envelope, per-type data, and no reserved type. */
export function parseCustomerEvent(
  input: unknown,
  params?: z.core.ParseContext<z.core.$ZodIssue>,
): { success: true; data: CustomerEvent } | { success: false; error: z.ZodError } {
  const envelope = customerEventSchema.safeParse(input, params);
  const issues: z.core.$ZodIssue[] = envelope.success ? [] : [...envelope.error.issues];
  const raw = input as { type?: unknown; data?: unknown } | null;
  const schema =
    raw && typeof raw === 'object' && typeof raw.type === 'string' && Object.hasOwn(eventDataSchemas, raw.type) ? eventDataSchemas[raw.type] : undefined;
  if (schema) {
    const data = raw!.data === undefined ? {} : raw!.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const checked = schema.safeParse(data, params);
      const seen = new Set(issues.map((i) => i.path.join('.')));
      for (const issue of checked.success ? [] : checked.error.issues) {
        const path = ['data', ...issue.path];
        // The envelope already checks orderId and amount loosely; one problem per path is enough.
        if (!seen.has(path.join('.'))) issues.push({ ...issue, path });
      }
    }
  }
  if (raw && typeof raw === 'object' && (reservedEventTypes as readonly unknown[]).includes(raw.type)) {
    issues.push({
      code: 'custom',
      path: ['type'],
      message: `is reserved: Huitou stores ${String(raw.type)} events itself (use POST /api/journeys/:id/enrol to enrol customers)`,
      input: raw.type,
    });
  }
  if (envelope.success && issues.length === 0) return { success: true, data: envelope.data };
  return { success: false, error: new z.ZodError(issues) };
}
