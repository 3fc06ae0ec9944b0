import { fromLunar, toLunar, type Day } from './chinese-calendar';
import { addDays, fromLocal, parseTimeOfDay, toLocal } from './zoned';

/**
 * Which calendar a customer's birthday is written in: `solar` (Gregorian, the default) or `lunar`
 * (农历: `MM-DD` is the lunar month and day, `YYYY-MM-DD` adds the lunar year of birth). Kept in
 * the profile's attributes as `birthdayCalendar`.
 */
export const birthdayCalendars = ['solar', 'lunar'] as const;
export type BirthdayCalendar = (typeof birthdayCalendars)[number];

/** The calendar a stored value names; anything but `lunar` is the Gregorian calendar. */
export const birthdayCalendarOf = (value: unknown): BirthdayCalendar => (value === 'lunar' ? 'lunar' : 'solar');

/**
 * A lunar birthday as `YYYY-MM-DD` or `MM-DD`: lunar month 01–12 and day 01–30 (any lunar month
 * may have 30 days in some year). A birthday in a leap month (闰月) is written with the month's
 * number and kept in the ordinary month of that number, as most families keep it.
 */
export function isLunarBirthday(text: string): boolean {
  const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 30;
}

/**
 * The Gregorian day of the lunar birthday in lunar year `lunarYear` (always in the ordinary month;
 * day 30 in a month of 29 days falls on its 29th).
 */
export const lunarBirthdayIn = (md: { month: number; day: number }, lunarYear: number): Day => fromLunar(lunarYear, md.month, md.day);

const same = (a: Day, b: Day) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * Whether Gregorian `day` is an occurrence of the lunar birthday, and in which lunar year: the
 * lunar year whose occurrence falls on `day`, or null.
 */
export function lunarBirthdayYearOn(md: { month: number; day: number }, day: Day): number | null {
  const lunar = toLunar(day);
  // The ordinary month of that number is in the lunar year of the day (a day of the 12th month
  // can be in January) — checked in that year only: one occurrence per lunar year.
  return same(lunarBirthdayIn(md, lunar.year), day) ? lunar.year : null;
}

/**
 * The lunar `MM-DD` texts a stored lunar birthday can show to be due on Gregorian days near
 * `target` (two days either side, as for Gregorian dates): a cheap SQL filter, the exact answer is
 * lunarBirthdayYearOn's. A day 29 that ends its month also stands for day 30.
 */
export function lunarCandidateMonthDays(target: Day): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const out = new Set<string>();
  for (let i = -2; i <= 2; i++) {
    const day = addDays(target, i);
    const lunar = toLunar(day);
    if (lunar.leap) continue;
    out.add(`${pad(lunar.month)}-${pad(lunar.day)}`);
    if (lunar.day === 29 && same(fromLunar(lunar.year, lunar.month, 30), day)) out.add(`${pad(lunar.month)}-30`);
  }
  return [...out].sort();
}

/** A lunar birthday's text as month, day and the lunar year of birth (null without one), or null. */
export function readLunarBirthday(value: unknown): { year: number | null; month: number; day: number } | null {
  if (typeof value !== 'string' || !isLunarBirthday(value.trim())) return null;
  const parts = value.trim().split('-').map(Number);
  return parts.length === 3 ? { year: parts[0]!, month: parts[1]!, day: parts[2]! } : { year: null, month: parts[0]!, day: parts[1]! };
}

/**
 * customerDateWake for a lunar birthday: the first moment not before `now` that is `offsetDays`
 * after (before, when negative) the Gregorian day of some lunar year's birthday, at `at` in
 * `timeZone`. One-off (`yearly` false with a year of birth): the birthday of that lunar year, or
 * `now` when it has passed.
 */
export function lunarBirthdayWake(
  birthday: { year: number | null; month: number; day: number },
  options: { offsetDays: number; at: string; yearly: boolean },
  now: number,
  timeZone: string,
): number {
  const time = parseTimeOfDay(options.at);
  if (time === null) throw new Error(`at: "${options.at}" is not a time of day HH:mm`);
  const moment = (d: Day) => fromLocal({ ...addDays(d, options.offsetDays), hour: Math.floor(time / 60), minute: time % 60 }, timeZone);
  if (!options.yearly && birthday.year !== null) return Math.max(now, moment(lunarBirthdayIn(birthday, birthday.year)));
  // A lunar year's 12th month reaches into the next Gregorian year, and offsets reach a year either way.
  const thisYear = toLocal(now, timeZone).year;
  for (let year = thisYear - 2; year <= thisYear + 2; year++) {
    const at = moment(lunarBirthdayIn(birthday, year));
    if (at >= now) return at;
  }
  return moment(lunarBirthdayIn(birthday, thisYear + 3));
}
