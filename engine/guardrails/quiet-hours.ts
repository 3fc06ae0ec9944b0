import { addDays, clockMinutes, localClock, zonedInstant } from './local-time';

/** Quiet hours as the shop sets them: no marketing message between `from` and `to`, local time. */
export interface QuietHours {
  from: string;
  to: string;
}

/**
 * When the quiet hours around `now` end, in the customer's zone; null when `now` is outside them.
 * A window may cross midnight (21:00–09:00, the usual case) or not (12:00–14:00).
 */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | null {
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return null;
  const { date, minutes } = localClock(now, timeZone);
  const crossesMidnight = from > to;
  if (crossesMidnight) {
    if (minutes >= from) return zonedInstant(addDays(date, 1), to, timeZone);
    if (minutes < to) return zonedInstant(date, to, timeZone);
    return null;
  }
  return minutes >= from && minutes < to ? zonedInstant(date, to, timeZone) : null;
}
