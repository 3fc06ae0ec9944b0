import { parse } from 'tinyduration';
import { z } from 'zod';

/**
 * Journey durations are ISO 8601 (`PT25M`, `P3D`, `P1W`). Years and months are refused: their
 * length depends on the calendar, and a marketer who writes "P1M" rarely means "30 days" exactly.
 */
export function durationToMs(iso: string): number {
  const d = parse(iso);
  if (d.negative) throw new Error('a duration cannot be negative');
  if (d.years || d.months) throw new Error('years and months are not allowed; use days (P30D)');
  const seconds = (d.weeks ?? 0) * 7 * 86_400 + (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3_600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
  return Math.round(seconds * 1000);
}

export function isDuration(value: string): boolean {
  try {
    return durationToMs(value) > 0;
  } catch {
    return false;
  }
}

/** A positive ISO 8601 duration, e.g. `PT25M` (25 minutes) or `P3D` (3 days). */
export const durationSchema = z
  .string()
  .refine(isDuration, {
    // Worded for the marketer (the designer's input writes the code); the code is there for API callers.
    message: 'must be a duration such as 30 minutes (PT30M) or 3 days (P3D)',
  })
  .meta({ format: 'duration', examples: ['PT25M', 'PT2H', 'P3D'] });
