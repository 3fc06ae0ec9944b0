import { describe, expect, it } from 'vitest';
import { quietUntil } from '../../engine/index';

const night = { from: '21:00', to: '09:00' };

describe('quiet hours in the customer time zone', () => {
  it('holds a message at 22:30 Shanghai time until 09:00 the next morning', () => {
    const at = Date.parse('2026-11-11T14:30:00Z'); // 22:30 in Shanghai
    expect(new Date(quietUntil(at, 'Asia/Shanghai', night)!).toISOString()).toBe('2026-11-12T01:00:00.000Z');
  });

  it('holds a message at 07:59 until 09:00 the same morning, and lets 09:00 and 20:59 through', () => {
    expect(new Date(quietUntil(Date.parse('2026-11-11T23:59:00Z'), 'Asia/Shanghai', night)!).toISOString()).toBe('2026-11-12T01:00:00.000Z');
    expect(quietUntil(Date.parse('2026-11-12T01:00:00Z'), 'Asia/Shanghai', night)).toBeNull();
    expect(quietUntil(Date.parse('2026-11-12T12:59:00Z'), 'Asia/Shanghai', night)).toBeNull();
    expect(quietUntil(Date.parse('2026-11-12T13:00:00Z'), 'Asia/Shanghai', night)).not.toBeNull();
  });

  it('reads the clock of the customer, not of the shop: 22:30 in Shanghai is 09:30 in New York', () => {
    const at = Date.parse('2026-11-11T14:30:00Z');
    expect(quietUntil(at, 'America/New_York', night)).toBeNull();
  });

  it('a window that does not cross midnight (a lunch break)', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(new Date(quietUntil(Date.parse('2026-06-01T04:30:00Z'), 'Asia/Shanghai', lunch)!).toISOString()).toBe('2026-06-01T06:00:00.000Z');
    expect(quietUntil(Date.parse('2026-06-01T06:00:00Z'), 'Asia/Shanghai', lunch)).toBeNull();
  });

  it('ends at 09:00 local on a daylight-saving change night (New York, 8 March 2026)', () => {
    const at = Date.parse('2026-03-08T04:00:00Z'); // 23:00 EST on 7 March
    expect(new Date(quietUntil(at, 'America/New_York', night)!).toISOString()).toBe('2026-03-08T13:00:00.000Z'); // 09:00 EDT
  });
});
