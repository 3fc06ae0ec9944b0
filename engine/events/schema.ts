import { z } from 'zod';

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
