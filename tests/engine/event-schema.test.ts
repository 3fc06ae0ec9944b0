import { describe, expect, it } from 'vitest';
import { customerEventSchema, orderIdOf } from '../../engine/index';

const good = {
  id: 'evt-1',
  type: 'order.created',
  customerId: 'c-1',
  occurredAt: '2026-11-11T20:00:00+08:00',
  data: { orderId: 'o-1', amount: 128.5 },
};

/** The paths of the issues customerEventSchema reports for `event`. */
function issuePaths(event: unknown): string[] {
  const parsed = customerEventSchema.safeParse(event);
  expect(parsed.success).toBe(false);
  return (parsed.error?.issues ?? []).map((i) => i.path.join('.'));
}

describe('customerEventSchema', () => {
  it('accepts an order event and keeps its data', () => {
    const parsed = customerEventSchema.parse(good);
    expect(parsed).toEqual(good);
    expect(orderIdOf(parsed)).toBe('o-1');
  });

  it('accepts a UTC time and fills missing data with {}', () => {
    const { data: _data, ...noData } = good;
    const parsed = customerEventSchema.parse({ ...noData, occurredAt: '2026-11-11T12:00:00Z' });
    expect(parsed.data).toEqual({});
    expect(orderIdOf(parsed)).toBeUndefined();
  });

  it('reports each missing field by name', () => {
    expect(issuePaths({ data: {} })).toEqual(['id', 'type', 'customerId', 'occurredAt']);
  });

  it('refuses an occurredAt without a time zone offset', () => {
    expect(issuePaths({ ...good, occurredAt: '2026-11-11T20:00:00' })).toEqual(['occurredAt']);
    expect(customerEventSchema.safeParse({ ...good, occurredAt: '2026-11-11T20:00:00' }).error?.issues[0]?.message).toMatch(/time zone/);
  });

  it('refuses a negative amount at data.amount', () => {
    expect(issuePaths({ ...good, data: { orderId: 'o-1', amount: -1 } })).toEqual(['data.amount']);
  });

  it('refuses an amount that is not a number at data.amount', () => {
    expect(issuePaths({ ...good, data: { orderId: 'o-1', amount: '128' } })).toEqual(['data.amount']);
  });

  it('refuses a non-string orderId at data.orderId', () => {
    expect(issuePaths({ ...good, data: { orderId: 42, amount: 1 } })).toEqual(['data.orderId']);
  });

  it('refuses data larger than 16 KB of JSON at data', () => {
    expect(issuePaths({ ...good, data: { orderId: 'o-1', note: 'x'.repeat(16_384) } })).toEqual(['data']);
    expect(customerEventSchema.safeParse({ ...good, data: { note: 'x'.repeat(16_000) } }).success).toBe(true);
  });

  it('refuses an event type that is not lower-case and dot separated', () => {
    expect(issuePaths({ ...good, type: 'Order Created' })).toEqual(['type']);
  });
});

describe('reserved event types', () => {
  it('refuses calendar.due, broadcast.due and journey.enrol from clients, naming the field', async () => {
    const { parseCustomerEvent } = await import('../../engine/index');
    for (const type of ['calendar.due', 'broadcast.due', 'journey.enrol']) {
      const parsed = parseCustomerEvent({ id: 'e1', type, customerId: 'c1', occurredAt: '2026-11-11T20:00:00+08:00', data: {} });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(parsed.error.issues.map((i) => [i.path.join('.'), i.message.slice(0, 11)])).toEqual([['type', 'is reserved']]);
    }
    expect(parseCustomerEvent({ id: 'e2', type: 'order.note', customerId: 'c1', occurredAt: '2026-11-11T20:00:00+08:00', data: {} }).success).toBe(true);
  });
});
