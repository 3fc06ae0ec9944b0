import { describe, expect, it } from 'vitest';
import { insideWindow, nextWindowOpening } from '../../engine/time/window';

const NY = 'America/New_York';
const SH = 'Asia/Shanghai';
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const at = (isoInstant: string) => Date.parse(isoInstant);
const next = (w: { from: string; to: string; weekdays: number[] }, now: string, tz: string) => new Date(nextWindowOpening(w, at(now), tz)).toISOString();

describe('wait for a time window', () => {
  const day = { from: '09:00', to: '21:00', weekdays: everyDay };

  it('goes on at once inside the window, including its first minute, not at its closing minute', () => {
    expect(nextWindowOpening(day, at('2026-11-11T12:00:00+08:00'), SH)).toBe(at('2026-11-11T12:00:00+08:00'));
    expect(insideWindow(day, at('2026-11-11T09:00:00+08:00'), SH)).toBe(true);
    expect(insideWindow(day, at('2026-11-11T21:00:00+08:00'), SH)).toBe(false);
  });

  it('waits for the same morning before the window and the next morning after it (Shanghai)', () => {
    expect(next(day, '2026-11-11T03:15:00+08:00', SH)).toBe('2026-11-11T01:00:00.000Z');
    expect(next(day, '2026-11-11T22:40:00+08:00', SH)).toBe('2026-11-12T01:00:00.000Z');
  });

  it('reads the window in the given zone: 12:00 in Shanghai is midnight in New York', () => {
    // 2026-11-11T12:00+08:00 = 2026-11-10T23:00 EST → next 09:00 EST on the 11th = 14:00Z.
    expect(next(day, '2026-11-11T12:00:00+08:00', NY)).toBe('2026-11-11T14:00:00.000Z');
  });

  it('keeps only the chosen weekdays: Friday evening waits for Monday 09:00', () => {
    const weekdays = { from: '09:00', to: '18:00', weekdays: [1, 2, 3, 4, 5] };
    // 2026-11-13 is a Friday.
    expect(next(weekdays, '2026-11-13T19:00:00+08:00', SH)).toBe('2026-11-16T01:00:00.000Z');
    expect(next(weekdays, '2026-11-14T10:00:00+08:00', SH)).toBe('2026-11-16T01:00:00.000Z');
    expect(insideWindow(weekdays, at('2026-11-13T10:00:00+08:00'), SH)).toBe(true);
  });

  it('handles a window across midnight, which belongs to the day it opens', () => {
    const night = { from: '22:00', to: '02:00', weekdays: [5] }; // Friday nights
    expect(insideWindow(night, at('2026-11-13T23:30:00+08:00'), SH)).toBe(true); // Fri 23:30
    expect(insideWindow(night, at('2026-11-14T01:59:00+08:00'), SH)).toBe(true); // Sat 01:59, opened Friday
    expect(insideWindow(night, at('2026-11-14T02:00:00+08:00'), SH)).toBe(false);
    expect(insideWindow(night, at('2026-11-13T01:00:00+08:00'), SH)).toBe(false); // Fri 01:00 opened Thursday
    expect(next(night, '2026-11-14T03:00:00+08:00', SH)).toBe('2026-11-20T14:00:00.000Z'); // next Fri 22:00
    const everyNight = { from: '22:00', to: '02:00', weekdays: everyDay };
    expect(next(everyNight, '2026-11-14T12:00:00+08:00', SH)).toBe('2026-11-14T14:00:00.000Z');
  });

  it('opens at 09:00 local on both sides of the New York clock changes', () => {
    // Saturday 2026-03-07 22:00 EST → Sunday 09:00 EDT (UTC-4).
    expect(next(day, '2026-03-08T03:00:00Z', NY)).toBe('2026-03-08T13:00:00.000Z');
    // Saturday 2026-10-31 22:00 EDT → Sunday 09:00 EST (UTC-5).
    expect(next(day, '2026-11-01T02:00:00Z', NY)).toBe('2026-11-01T14:00:00.000Z');
  });

  it('compares on the wall clock on the change days, and opens at 03:00 when 02:30 is skipped', () => {
    const night = { from: '22:00', to: '02:00', weekdays: everyDay };
    // 2026-11-01 01:30 EST (the second 01:30) is inside a window opened Saturday 22:00.
    expect(insideWindow(night, at('2026-11-01T06:30:00Z'), NY)).toBe(true);
    const early = { from: '02:30', to: '05:00', weekdays: everyDay };
    // On 2026-03-08 02:30 does not exist: the window opens at 03:30 EDT = 07:30Z.
    expect(next(early, '2026-03-08T05:00:00Z', NY)).toBe('2026-03-08T07:30:00.000Z');
  });
});
