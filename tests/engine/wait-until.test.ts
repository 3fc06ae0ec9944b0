import { describe, expect, it } from 'vitest';
import { createRegistry, type CustomerEvent } from '../../engine/index';

const def = createRegistry().require('wait.until');
const entry: CustomerEvent = { id: 'e-1', type: 'order.created', customerId: 'c-1', occurredAt: '2026-01-01T00:00:00Z', data: {} };

function wake(config: Record<string, unknown>, now: string, timezone: string) {
  if (def.behaviour.kind !== 'sleep') throw new Error('not a sleep');
  const end = def.behaviour.wakeAt(def.config.parse(config), { now: Date.parse(now), timezone, entry });
  return new Date(end as number).toISOString();
}

describe('wait.until: until a local date and time', () => {
  it('reads the date-time on the wall clock of the zone it is given', () => {
    expect(wake({ dateTime: '2026-11-11T10:00' }, '2026-11-01T00:00:00Z', 'Asia/Shanghai')).toBe('2026-11-11T02:00:00.000Z');
    expect(wake({ dateTime: '2026-11-11T10:00', zone: 'customer' }, '2026-11-01T00:00:00Z', 'America/New_York')).toBe('2026-11-11T15:00:00.000Z');
    expect(wake({ dateTime: '2026-07-04T10:00' }, '2026-06-01T00:00:00Z', 'America/New_York')).toBe('2026-07-04T14:00:00.000Z');
  });

  it('goes on at once when the time has passed', () => {
    expect(wake({ dateTime: '2026-11-11T10:00' }, '2026-11-12T00:00:00Z', 'Asia/Shanghai')).toBe('2026-11-12T00:00:00.000Z');
  });

  it('loads the customer only for their own zone', () => {
    if (def.behaviour.kind !== 'sleep') throw new Error('not a sleep');
    expect(def.behaviour.needsCustomer?.(def.config.parse({ zone: 'shop' }))).toBe(false);
    expect(def.behaviour.needsCustomer?.(def.config.parse({ zone: 'customer' }))).toBe(true);
  });

  it('refuses what is not a real local date-time, naming the field', () => {
    for (const dateTime of ['2026-02-30T10:00', '2026-11-11 10:00', '2026-11-11T24:00', '2026-11-11T10:00Z']) {
      const issue = def.config.safeParse({ dateTime }).error?.issues[0];
      expect(issue?.path, dateTime).toEqual(['dateTime']);
      expect(issue?.message).toContain('YYYY-MM-DDTHH:mm');
    }
  });
});
