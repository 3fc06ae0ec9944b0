import { fromLunar, type Day } from '../time/chinese-calendar';
import { addDays, parseTimeOfDay } from '../time/zoned';

/**
 * The festivals a festival trigger can start a journey on: the lunar ones (their Gregorian day
 * changes every year, from the library) and the shopping days, which are fixed Gregorian days.
 */
export const festivals = [
  'spring-festival',
  'lantern',
  'dragon-boat',
  'qixi',
  'mid-autumn',
  'double-ninth',
  'day-520',
  'day-618',
  'double-11',
  'double-12',
] as const;
export type Festival = (typeof festivals)[number];

/** Lunar month and day of the lunar festivals; all fall in the Gregorian year of their lunar year. */
const lunarFestivals: Partial<Record<Festival, [number, number]>> = {
  'spring-festival': [1, 1],
  lantern: [1, 15],
  'dragon-boat': [5, 5],
  qixi: [7, 7],
  'mid-autumn': [8, 15],
  'double-ninth': [9, 9],
};

/** The shopping days: 520 (我爱你), 618 (JD's anniversary sale), 双11, 双12. */
const shopDays: Partial<Record<Festival, [number, number]>> = {
  'day-520': [5, 20],
  'day-618': [6, 18],
  'double-11': [11, 11],
  'double-12': [12, 12],
};

/** The Gregorian day of the festival in `year`. */
export function festivalDay(festival: Festival, year: number): Day {
  const lunar = lunarFestivals[festival];
  if (lunar) return fromLunar(year, lunar[0], lunar[1]);
  const [month, day] = shopDays[festival]!;
  return { year, month, day };
}

/** A festival trigger's rule: which festival, how many days before it, at which hour of the shop's day. */
export interface FestivalRule {
  festival: Festival;
  daysBefore: number;
  at: string;
}

/** The rule as a stable key, e.g. `festival:mid-autumn:3:10:00`; a `calendar.due` event names it. */
export function festivalRuleKey(rule: FestivalRule): string {
  return `festival:${rule.festival}:${rule.daysBefore}:${rule.at}`;
}

/**
 * Whether the rule is due at the shop's local `today` and minute of the day `minutes` (after
 * midnight): today is `daysBefore` days before the festival and the hour `at` has come. Answers
 * the festival's year (the occurrence, so each customer enters once a year), or null. A festival
 * early next year (春节) can be due in December with days before it.
 */
export function festivalDueYear(rule: FestivalRule, today: Day, minutes: number): number | null {
  const at = parseTimeOfDay(rule.at);
  if (at === null || minutes < at) return null;
  for (const year of [today.year, today.year + 1]) {
    const start = addDays(festivalDay(rule.festival, year), -rule.daysBefore);
    if (start.year === today.year && start.month === today.month && start.day === today.day) return year;
  }
  return null;
}
