import { readCustomerDate } from '../time/customer-date';
import { lunarBirthdayIn, lunarBirthdayYearOn, lunarCandidateMonthDays, readLunarBirthday, type BirthdayCalendar } from '../time/lunar-birthday';
import { addDays, daysInMonth, parseDate } from '../time/zoned';

/** The dates a date trigger can follow: a profile field, a fact, or a free attribute. */
export const calendarDateSources = ['birthday', 'firstOrderAt', 'lastOrderAt', 'attribute'] as const;
export type CalendarDateSource = (typeof calendarDateSources)[number];

/** A date trigger's rule: which date, how many days before (−) or after (+), every year or once. */
export interface CalendarRule {
  date: CalendarDateSource;
  attribute?: string | undefined;
  offsetDays: number;
  yearly?: boolean | undefined;
}

/** Birthdays and first-purchase anniversaries repeat every year unless told otherwise; other dates happen once. */
export function isYearly(rule: CalendarRule): boolean {
  return rule.yearly ?? (rule.date === 'birthday' || rule.date === 'firstOrderAt');
}

/**
 * The rule as a stable key, e.g. `birthday:-3:yearly` or `attribute:renewalDate:7:once`. Journeys
 * with the same rule share it, so the daily job looks each rule up once, and a `calendar.due`
 * event names the rule it is for. The attribute name is URI-encoded so a `:` in it stays inside.
 */
export function calendarRuleKey(rule: CalendarRule): string {
  const source = rule.date === 'attribute' ? `attribute:${encodeURIComponent(rule.attribute ?? '')}` : rule.date;
  return `${source}:${rule.offsetDays}:${isYearly(rule) ? 'yearly' : 'once'}`;
}

type Day = { year: number; month: number; day: number };
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const formatDay = (d: Day) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/**
 * Whether the customer's date (`value`: `YYYY-MM-DD`, `MM-DD`, or an ISO date-time read in
 * `timeZone`) makes the rule due on `today` (`YYYY-MM-DD`, the shop's calendar day): today = the
 * date + offsetDays. Yearly: on the month-day of any later year — 29 February on 28 February in
 * other years, and never in the date's own year (a first order is no anniversary of itself). A date
 * without a year (`MM-DD`) is always yearly. Missing or malformed dates are never due.
 */
export function isCalendarDue(rule: CalendarRule, value: unknown, today: string, timeZone: string, calendar: BirthdayCalendar = 'solar'): boolean {
  if (rule.date === 'birthday' && calendar === 'lunar') return isLunarBirthdayDue(rule, value, today);
  const date = readCustomerDate(value, timeZone);
  const now = parseDate(today);
  if (!date || !now) return false;
  // The day the date must fall on (in the year of that day) for today to be its offset day.
  const target = addDays(now, -rule.offsetDays);
  if (!isYearly(rule) && date.year !== null) return date.year === target.year && date.month === target.month && date.day === target.day;
  if (date.year !== null && target.year <= date.year) return false;
  if (date.month !== target.month) return false;
  if (date.day === target.day) return true;
  // 29 February outside a leap year falls on the 28th.
  return date.month === 2 && date.day === 29 && target.day === 28 && daysInMonth(target.year, 2) === 28;
}

/**
 * A cheap text filter for the database: the `MM-DD` strings a due customer's stored date can show
 * (the month-day of `YYYY-MM-DD…`, or a yearless birthday). An instant written with one offset can
 * fall up to two calendar days away in the shop's zone (−12:00 against +14:00), so days around the
 * target are included; the exact answer is isCalendarDue's, applied to the few rows let through.
 */
export function calendarCandidateMonthDays(rule: CalendarRule, today: string): string[] {
  const now = parseDate(today);
  if (!now) throw new Error(`today: "${today}" is not a date YYYY-MM-DD`);
  const target = addDays(now, -rule.offsetDays);
  const around = [-2, -1, 0, 1, 2].map((d) => addDays(target, d));
  const monthDays = new Set(around.map((d) => `${pad(d.month)}-${pad(d.day)}`));
  // 28 February of a common year also stands for the 29th.
  if (around.some((d) => d.month === 2 && d.day === 28 && daysInMonth(d.year, 2) === 28)) monthDays.add('02-29');
  return [...monthDays].sort();
}

/**
 * isCalendarDue for a lunar birthday (农历 `MM-DD` or `YYYY-MM-DD`): today less the offset is the
 * Gregorian day of the birthday in some lunar year — after the year of birth when it is known.
 */
function isLunarBirthdayDue(rule: CalendarRule, value: unknown, today: string): boolean {
  const birthday = readLunarBirthday(value);
  const now = parseDate(today);
  if (!birthday || !now) return false;
  const target = addDays(now, -rule.offsetDays);
  if (!isYearly(rule) && birthday.year !== null) return formatDay(lunarBirthdayIn(birthday, birthday.year)) === formatDay(target);
  const year = lunarBirthdayYearOn(birthday, target);
  return year !== null && (birthday.year === null || year > birthday.year);
}

/** calendarCandidateMonthDays for lunar birthdays: the lunar `MM-DD` texts near the target day. */
export function lunarBirthdayCandidateMonthDays(rule: CalendarRule, today: string): string[] {
  const now = parseDate(today);
  if (!now) throw new Error(`today: "${today}" is not a date YYYY-MM-DD`);
  return lunarCandidateMonthDays(addDays(now, -rule.offsetDays));
}
