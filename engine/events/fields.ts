import { z } from 'zod';

/**
 * Field checks shared by event data and CSV import, so an order or a profile is judged the same
 * whichever way it arrives. Pure: Intl only.
 */

const zones = new Map<string, boolean>();

/** An IANA time zone this runtime knows (Asia/Shanghai, UTC, America/New_York …). */
export function isTimeZone(name: string): boolean {
  let known = zones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = name.length > 0;
    } catch {
      known = false;
    }
    // Remember only a bounded number of names, so junk input cannot grow the cache without end.
    if (zones.size < 1000) zones.set(name, known);
  }
  return known;
}

/** A birthday: `YYYY-MM-DD` or, when the year is unknown, `MM-DD`; a real calendar day either way. */
export function isBirthday(value: string): boolean {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  // Without a year, 29 February is allowed: check against a leap year.
  const year = m[1] ? Number(m[1]) : 2000;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const dateTimeWithOffset = z.iso.datetime({ offset: true });

/** The instant of an ISO 8601 date-time with a time zone offset (`2026-11-11T20:00:00+08:00`), or null. */
export function parseDateTimeWithOffset(value: string): Date | null {
  if (!dateTimeWithOffset.safeParse(value).success) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The largest amount the store keeps (numeric(14, 2)). */
export const MAX_AMOUNT = 999_999_999_999.99;

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai');
export const birthdaySchema = z.string().refine(isBirthday, 'must be a date as YYYY-MM-DD (or MM-DD when the year is unknown)');
/** "is required" when absent, else `message`: the wording people see for a field of the wrong type. */
export const requiredOr = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);

export const moneySchema = z
  .number({ error: requiredOr('must be a number') })
  .min(0, 'must be a number of at least 0')
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);
