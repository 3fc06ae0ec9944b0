import { insideWindow, nextWindowOpening } from '../time/window';

/** Quiet hours as the shop sets them: no marketing message between `from` and `to`, local time. */
export interface QuietHours {
  from: string;
  to: string;
}

const everyDay = [1, 2, 3, 4, 5, 6, 7];

/**
 * When the quiet hours around `now` end, in the customer's zone; null when `now` is outside them.
 * Quiet hours are a daily window (usually crossing midnight, 21:00–09:00); they end when the
 * window of the hours in between opens.
 */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | null {
  if (quiet.from === quiet.to) return null;
  if (!insideWindow({ from: quiet.from, to: quiet.to, weekdays: everyDay }, now, timeZone)) return null;
  return nextWindowOpening({ from: quiet.to, to: quiet.from, weekdays: everyDay }, now, timeZone);
}
