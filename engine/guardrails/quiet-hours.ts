import { insideWindow, nextWindowOpening } from '../time/window';

/** Quiet hours as the shop sets them: no marketing message between `from` and `to`, local time. */
export interface QuietHours {
  from: string;
  to: string;
}

const everyDay = [1, 2, 3, 4, 5, 6, 7];

/**
 * When the quiet hours around `now` end, in the customer's zone; null when `now` is outside them.
 * Quiet hours are a daily window (usually crossing midnight, 21:00–09:00); they end when the
 * window of the hours in between opens.
 */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | null {
  if (quiet.from === quiet.to) return null;
  if (!insideWindow({ from: quiet.from, to: quiet.to, weekdays: everyDay }, now, timeZone)) return null;
  return nextWindowOpening({ from: quiet.to, to: quiet.from, weekdays: everyDay }, now, timeZone);
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
