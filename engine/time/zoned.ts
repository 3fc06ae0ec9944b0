/**
 * Wall-clock time in an IANA time zone, with Intl only: it runs in the browser, on the server and
 * in the Temporal workflow sandbox (where the clock is workflow time and no library is bundled).
 */

/** A local calendar date and time of day, as a wall clock in some zone shows it. */
export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What the wall clock in `timeZone` shows at the instant `ms` (seconds dropped). */
export function toLocal(ms: number, timeZone: string): LocalDateTime & { second: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** The zone's offset from UTC at instant `ms`, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const HOUR = 3_600_000;

/**
 * The instant at which the wall clock in `timeZone` shows `local`. A time that occurs twice (the
 * hour repeated when clocks go back) is its first occurrence; a time that does not occur (the hour
 * skipped when clocks go forward) is moved forward by the gap, as clocks do: 02:30 on the New York
 * spring-forward day is 03:30 EDT.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offsets in force a day either side cover any single transition near this wall time.
  const before = offsetAt(wall - 24 * HOUR, timeZone);
  const after = offsetAt(wall + 24 * HOUR, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((ms) => offsetAt(ms, timeZone) === wall - ms)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In the gap: read the wall time with the offset from before the change.
  return wall - before;
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The calendar date `days` after (or before, when negative) the given one. */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `HH:mm` (00:00–23:59) as minutes after midnight, or null when it is not one. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in a month of a year (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` as a real calendar date, or null (2026-02-30 is none). */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** `YYYY-MM-DDTHH:mm` as a local date-time, or null when it is not a real one. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text);
  if (!m) return null;
  const date = parseDate(m[1]!);
  const time = parseTimeOfDay(m[2]!);
  if (!date || time === null) return null;
  return { ...date, hour: Math.floor(time / 60), minute: time % 60 };
}
