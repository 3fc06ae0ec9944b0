import { officialDay } from '../time/chinese-calendar';
import { insideWindow, nextWindowOpening } from '../time/window';
import { addDays, fromLocal, toLocal } from '../time/zoned';

/** Which whole days are quiet besides the nightly hours: none, official holidays, or every day off. */
export const quietDaysChoices = ['none', 'holidays', 'off'] as const;
export type QuietDays = (typeof quietDaysChoices)[number];

/**
 * Quiet hours as the shop sets them: no marketing message between `from` and `to`, local time;
 * with `days`, none all day on official holidays (`holidays`: 春节, 国庆 …) or on every day off
 * (`off`: weekends and holidays, 调休 working weekend days excepted).
 */
export interface QuietHours {
  from: string;
  to: string;
  days?: QuietDays | undefined;
}

const everyDay = [1, 2, 3, 4, 5, 6, 7];

function quietAllDay(days: QuietDays | undefined, date: { year: number; month: number; day: number }): boolean {
  if (days === undefined || days === 'none') return false;
  const kind = officialDay(date).kind;
  return days === 'holidays' ? kind === 'holiday' : kind !== 'working';
}

/** Quiet days run on past the longest holiday (春节, nine days) and its weekends; the search is bounded. */
const MAX_QUIET_DAYS = 40;

/**
 * When the quiet hours around `now` end, in the customer's zone; null when `now` is outside them.
 * Quiet hours are a daily window (usually crossing midnight, 21:00–09:00); they end when the
 * window of the hours in between opens. A quiet day is quiet from midnight to midnight, so a
 * message held over a holiday goes when the nightly quiet hours end on the first day after it.
 */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | null {
  const nightly = quiet.from !== quiet.to;
  let at = now;
  for (let i = 0; i < MAX_QUIET_DAYS * 2; i++) {
    const local = toLocal(at, timeZone);
    if (quietAllDay(quiet.days, local)) {
      at = fromLocal({ ...addDays(local, 1), hour: 0, minute: 0 }, timeZone);
      continue;
    }
    if (nightly && insideWindow({ from: quiet.from, to: quiet.to, weekdays: everyDay }, at, timeZone)) {
      at = nextWindowOpening({ from: quiet.to, to: quiet.from, weekdays: everyDay }, at, timeZone);
      continue;
    }
    return at === now ? null : at;
  }
  return at;
}

/** How a message step treats quiet hours: the shop's mode, a mode of its own, or not at all. */
export const quietHoursChoices = ['shop', 'hold', 'skip', 'ignore'] as const;
export type QuietHoursChoice = (typeof quietHoursChoices)[number];

/**
 * What quiet hours do to a message of a step that chose `choice`: `hold` it until they end, `skip`
 * it, or `ignore` them; null when the shop has no quiet hours. The one place where `shop` becomes
 * the shop's mode — the guard decision and the designer's account of a step both ask it.
 */
export function quietHoursMode(choice: QuietHoursChoice, shop: { mode: 'hold' | 'skip' } | null): 'hold' | 'skip' | 'ignore' | null {
  if (!shop) return null;
  return choice === 'shop' ? shop.mode : choice;
}
