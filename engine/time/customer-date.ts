import { addDays, daysInMonth, fromLocal, parseDate, parseTimeOfDay, toLocal } from './zoned';

type CalendarDate = { year: number; month: number; day: number };

/**
 * A date the customer's data holds, as a calendar date in `timeZone`: `YYYY-MM-DD` is taken as
 * written, a date-time with a zone (`…Z`, `…+08:00`) is read on the zone's wall clock, one
 * without a zone as written. `MM-DD` (a birthday without its year) gives year null. Anything
 * else — missing, empty, not a real date — is null.
 */
export function readCustomerDate(value: unknown, timeZone: string): (Omit<CalendarDate, 'year'> & { year: number | null }) | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const yearless = /^(\d{2})-(\d{2})$/.exec(text);
  if (yearless) {
    // Checked in a leap year so that 02-29 stands.
    const d = parseDate(`2000-${yearless[1]}-${yearless[2]}`);
    return d ? { year: null, month: d.month, day: d.day } : null;
  }
  const plain = parseDate(text);
  if (plain) return plain;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!m || !parseDate(m[1]!)) return null;
  if (!m[2]) return parseDate(m[1]!);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const l = toLocal(ms, timeZone);
  return { year: l.year, month: l.month, day: l.day };
}

/** The day in `year` of a yearly date: 29 February falls on 28 February in other years. */
export function onYear(date: { month: number; day: number }, year: number): CalendarDate {
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/**
 * When to wake for "the customer's date, `offsetDays` days later (earlier when negative), at `at`
 * on the wall clock of `timeZone`". Yearly: the first such moment not before `now`. One-off: that
 * moment, or `now` when it has passed. A date without a year is always yearly.
 */
export function customerDateWake(
  date: { year: number | null; month: number; day: number },
  options: { offsetDays: number; at: string; yearly: boolean },
  now: number,
  timeZone: string,
): number {
  const time = parseTimeOfDay(options.at);
  if (time === null) throw new Error(`at: "${options.at}" is not a time of day HH:mm`);
  const moment = (d: CalendarDate) => fromLocal({ ...addDays(d, options.offsetDays), hour: Math.floor(time / 60), minute: time % 60 }, timeZone);
  if (!options.yearly && date.year !== null) return Math.max(now, moment({ year: date.year, month: date.month, day: date.day }));
  // The occurrence of last year can still be ahead with a positive offset (31 Dec + 3 days).
  const thisYear = toLocal(now, timeZone).year;
  for (let year = thisYear - 1; year <= thisYear + 1; year++) {
    const at = moment(onYear(date, year));
    if (at >= now) return at;
  }
  // Offsets are limited to a year either way, so the next year's occurrence is always ahead.
  return moment(onYear(date, thisYear + 2));
}
