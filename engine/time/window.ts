import { isOfficialDay, type OfficialDayChoice } from './chinese-calendar';
import { addDays, fromLocal, isoWeekday, parseTimeOfDay, toLocal } from './zoned';

/** A daily time-of-day window on some weekdays, read on the wall clock of a time zone. */
export interface TimeWindow {
  /** `HH:mm`, when the window opens. */
  from: string;
  /** `HH:mm`, when it closes (not included); at or before `from` means the next day (22:00–02:00). */
  to: string;
  /** ISO weekdays (Monday 1 … Sunday 7) on which the window opens. */
  weekdays: readonly number[];
  /** Which official days it opens on, of the weekdays chosen (调休 included); absent or `any`: all of them. */
  days?: OfficialDayChoice | undefined;
}

/** The longest run of days without an official working day (春节: nine) or without a day off, with room. */
const OFFICIAL_SEARCH_DAYS = 31;

function opensOnDay(window: TimeWindow, date: { year: number; month: number; day: number }): boolean {
  if (!window.weekdays.includes(isoWeekday(date.year, date.month, date.day))) return false;
  return window.days === undefined || isOfficialDay(window.days, date);
}

function minutes(text: string, field: string): number {
  const m = parseTimeOfDay(text);
  if (m === null) throw new Error(`${field}: "${text}" is not a time of day HH:mm`);
  return m;
}

/**
 * Whether instant `now` is inside the window in `timeZone`. A window crossing midnight belongs to
 * the weekday it opens on: Friday 22:00–02:00 holds Saturday 01:00. Compared on the wall clock, so
 * the days clocks change keep the window's local times.
 */
export function insideWindow(window: TimeWindow, now: number, timeZone: string): boolean {
  const from = minutes(window.from, 'from');
  const to = minutes(window.to, 'to');
  const local = toLocal(now, timeZone);
  const t = local.hour * 60 + local.minute;
  const opensOn = (date: { year: number; month: number; day: number }) => opensOnDay(window, date);
  if (to > from) return opensOn(local) && t >= from && t < to;
  // Crossing midnight: today's evening part, or the morning part of the window opened yesterday.
  return (opensOn(local) && t >= from) || (opensOn(addDays(local, -1)) && t < to);
}

/**
 * When to go on for a wait until the window: `now` itself when inside it, else the next opening.
 * An opening inside the hour skipped by a clock change is moved forward as clocks do (fromLocal).
 */
export function nextWindowOpening(window: TimeWindow, now: number, timeZone: string): number {
  if (window.weekdays.length === 0) throw new Error('weekdays: choose at least one day');
  if (insideWindow(window, now, timeZone)) return now;
  const from = minutes(window.from, 'from');
  const today = toLocal(now, timeZone);
  const searchDays = window.days === undefined || window.days === 'any' ? 7 : OFFICIAL_SEARCH_DAYS;
  for (let i = 0; i <= searchDays; i++) {
    const date = addDays(today, i);
    if (!opensOnDay(window, date)) continue;
    const opening = fromLocal({ ...date, hour: Math.floor(from / 60), minute: from % 60 }, timeZone);
    if (opening > now) return opening;
  }
  throw new Error(searchDays === 7 ? 'no opening of the window within a week' : `no opening of the window within ${searchDays} days`);
}
