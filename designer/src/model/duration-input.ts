/**
 * The duration input's arithmetic: an ISO 8601 duration (`PT25M`, `PT2H`, `P2D`) as a number and
 * one unit, and back. Only what the input can show exactly is split; anything else (`PT1H30S`,
 * `P1M`) stays as text, so opening a form never changes a stored value.
 */
export const durationUnits = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `P2D` → 2 days, `PT90M` → 90 minutes, `PT2H` → 2 hours, `P1W` → 7 days; null when not whole minutes. */
export function splitDuration(iso: string): { amount: number; unit: DurationUnit } | null {
  const m = ISO.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [weeks, days, hours, minutes, seconds] = m.slice(1).map((n) => (n === undefined ? 0 : Number(n))) as [number, number, number, number, number];
  if (seconds !== 0) return null;
  const total = ((weeks * 7 + days) * 24 + hours) * 60 + minutes;
  if (total === 0) return null;
  // The largest unit that divides the whole length: 2880 minutes reads "2 days", 90 reads "90 minutes".
  const unit = [...durationUnits].reverse().find((u) => total % MINUTES[u] === 0)!;
  return { amount: total / MINUTES[unit], unit };
}

/** 2 days → `P2D`, 25 minutes → `PT25M`; null for an amount that is not a positive whole number. */
export function joinDuration(amount: number, unit: DurationUnit): string | null {
  if (!Number.isInteger(amount) || amount <= 0) return null;
  if (unit === 'days') return `P${amount}D`;
  return unit === 'hours' ? `PT${amount}H` : `PT${amount}M`;
}
