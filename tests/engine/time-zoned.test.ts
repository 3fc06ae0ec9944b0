import { describe, expect, it } from 'vitest';
import { fromLocal, offsetAt, toLocal } from '../../engine/time/zoned';

const NY = 'America/New_York';
const SH = 'Asia/Shanghai';
const iso = (ms: number) => new Date(ms).toISOString();

describe('wall clock in a time zone (Intl only)', () => {
  it('reads Asia/Shanghai at +08:00 all year', () => {
    expect(toLocal(Date.parse('2026-01-15T16:30:00Z'), SH)).toMatchObject({ year: 2026, month: 1, day: 16, hour: 0, minute: 30 });
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), SH)).toBe(8 * 3_600_000);
    expect(iso(fromLocal({ year: 2026, month: 11, day: 11, hour: 10, minute: 0 }, SH))).toBe('2026-11-11T02:00:00.000Z');
  });

  it('turns New York wall times into instants on both sides of the March change', () => {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT.
    expect(iso(fromLocal({ year: 2026, month: 3, day: 8, hour: 1, minute: 30 }, NY))).toBe('2026-03-08T06:30:00.000Z');
    expect(iso(fromLocal({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(fromLocal({ year: 2026, month: 3, day: 9, hour: 9, minute: 0 }, NY))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('moves a time in the skipped hour forward by the gap (02:30 → 03:30 EDT)', () => {
    const ms = fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY);
    expect(iso(ms)).toBe('2026-03-08T07:30:00.000Z');
    expect(toLocal(ms, NY)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of the two 01:30s on the November change', () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30Z and again at 06:30Z.
    expect(iso(fromLocal({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(fromLocal({ year: 2026, month: 11, day: 1, hour: 9, minute: 0 }, NY))).toBe('2026-11-01T14:00:00.000Z');
    expect(iso(fromLocal({ year: 2026, month: 10, day: 31, hour: 9, minute: 0 }, NY))).toBe('2026-10-31T13:00:00.000Z');
  });
});
