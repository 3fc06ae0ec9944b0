import type { KpisResponse } from '../api/kpis';

/** The interpolation values of the window labels and definitions: the shop's lifecycle windows. */
export function windowParams(k: Pick<KpisResponse, 'windows' | 'period'>) {
  const { activeDays: a, silentDays: s, sleepingDays: z } = k.windows;
  return { a, a1: a + 1, s, s1: s + 1, z, days: k.period.days };
}
