/**
 * The instants a KPI computation needs, worked out in JavaScript and handed to SQL as parameters.
 * Doing the arithmetic here (not with SQL intervals) keeps it identical on both databases and
 * independent of the session time zone, and matches the engine: windows are exact multiples of
 * 24 hours before asOf, calendar dates and months are the shop's time zone's.
 */
import { localDate } from '../../engine/index';
import { offsetAt } from '../../engine/time/zoned';

export const DAY_MS = 86_400_000;

/** The first instant of a local calendar date (`YYYY-MM-DD`) in a time zone. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let instant = wall - offsetAt(wall, timeZone);
  // Once more with the offset at the candidate: right across a daylight-saving change.
  instant = wall - offsetAt(instant, timeZone);
  return instant;
}

/** `YYYY-MM-DD` plus whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a local calendar date: what "as of 2026-06-30" means. */
export function endOfLocalDay(date: string, timeZone: string): number {
  return startOfLocalDay(addDays(date, 1), timeZone) - 1;
}

/** `asOf` as given (a date, meaning the end of that day in the shop's time zone, or an instant). */
export function resolveAsOf(asOf: string | undefined, timeZone: string, now = Date.now()): number {
  if (asOf === undefined) return now;
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? endOfLocalDay(asOf, timeZone) : Date.parse(asOf);
}

export interface TrendPoint {
  /** The local calendar month, `YYYY-MM`. */
  month: string;
  /** The first instant of the month. */
  monthStart: number;
  /** The point's moment: the month's last millisecond, or asOf for asOf's own month. */
  at: number;
}

/** The 12 months up to and including asOf's month, oldest first, in the shop's time zone. */
export function trendPoints(asOf: number, timeZone: string, months = 12): TrendPoint[] {
  const [y, m] = localDate(new Date(asOf), timeZone).split('-').map(Number) as [number, number];
  const points: TrendPoint[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const first = new Date(Date.UTC(y, m - 1 - k, 1)).toISOString().slice(0, 10);
    const nextFirst = new Date(Date.UTC(y, m - k, 1)).toISOString().slice(0, 10);
    const monthStart = startOfLocalDay(first, timeZone);
    points.push({ month: first.slice(0, 7), monthStart, at: Math.min(startOfLocalDay(nextFirst, timeZone) - 1, asOf) });
  }
  return points;
}
