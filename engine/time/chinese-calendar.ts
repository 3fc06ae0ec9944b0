/**
 * The Chinese calendar: 农历 dates, the official holidays and their 调休 working days. The one
 * module that reads tyme4ts (docs/architecture.md says why that library): it works on whole
 * numbers (year, month, day) without Date or the host's time zone, so the same answers come in the
 * browser, on the server and in the workflow sandbox. Dates here are calendar days; which day
 * "today" is comes from the callers, on the wall clock of a time zone (zoned.ts).
 */
import { LegalHoliday, LunarDay, LunarMonth, SolarDay } from 'tyme4ts';
import { isoWeekday } from './zoned';

export type Day = { year: number; month: number; day: number };

/**
 * How a day stands in the State Council's calendar: `working` (Monday to Friday, and the weekend
 * days moved to work by 调休), `holiday` (a day of an official holiday, 春节 or 国庆 and the days
 * joined to it), or `rest` (an ordinary weekend day). Years the library has not yet been told
 * (the schedule of a year is published in its previous November) count by the week alone.
 */
export type OfficialDayKind = 'working' | 'holiday' | 'rest';

export interface OfficialDay {
  kind: OfficialDayKind;
  /** The holiday's name (春节, 国庆节, …) on a holiday or a 调休 working day, else null. */
  holiday: string | null;
}

export function officialDay(date: Day): OfficialDay {
  const legal = LegalHoliday.fromYmd(date.year, date.month, date.day);
  if (legal) return { kind: legal.isWork() ? 'working' : 'holiday', holiday: legal.getName() };
  return { kind: isoWeekday(date.year, date.month, date.day) <= 5 ? 'working' : 'rest', holiday: null };
}

/** Whether the library knows the official holidays of `year` (every published year has 国庆节). */
export function officialYearKnown(year: number): boolean {
  return LegalHoliday.fromYmd(year, 10, 1) !== null;
}

/** Which days a wait or a quiet-hours rule keeps: all, official working days, or days off (weekends and holidays). */
export const officialDayChoices = ['any', 'working', 'off'] as const;
export type OfficialDayChoice = (typeof officialDayChoices)[number];

export function isOfficialDay(choice: OfficialDayChoice, date: Day): boolean {
  if (choice === 'any') return true;
  const working = officialDay(date).kind === 'working';
  return choice === 'working' ? working : !working;
}

/** A lunar date: `month` 1–12, `leap` when it is the 闰月 that follows the month of that number. */
export interface LunarDate {
  year: number;
  month: number;
  leap: boolean;
  day: number;
}

/** The 农历 date of a Gregorian day. */
export function toLunar(date: Day): LunarDate {
  const lunar = SolarDay.fromYmd(date.year, date.month, date.day).getLunarDay();
  // tyme4ts numbers a leap month negatively (闰六月 is -6).
  const month = lunar.getMonth();
  return { year: lunar.getYear(), month: Math.abs(month), leap: month < 0, day: lunar.getDay() };
}

/**
 * The Gregorian day of lunar `month`/`day` in lunar year `year`, in the ordinary (not leap) month.
 * A lunar month has 29 or 30 days: day 30 in a month of 29 falls on its 29th, the month's last
 * day, as 29 February falls on the 28th in a common year.
 */
export function fromLunar(year: number, month: number, day: number): Day {
  const days = LunarMonth.fromYm(year, month).getDayCount();
  const solar = LunarDay.fromYmd(year, month, Math.min(day, days)).getSolarDay();
  return { year: solar.getYear(), month: solar.getMonth(), day: solar.getDay() };
}
