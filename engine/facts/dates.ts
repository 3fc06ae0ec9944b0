/** Calendar arithmetic in a time zone, with Intl only (no library, works in browser and worker). */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDate(instant: Date | string, timeZone: string): string {
  return formatter(timeZone).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** Whole calendar days from date `a` to date `b` (`YYYY-MM-DD`), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Whether Intl knows the IANA time zone (a bad one would make every date computation throw). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a customer's wall clock reads: their own when Intl knows it, else the fallback (the
 * journey's or the shop's). The one rule for waits, simulations, birthdays and the designer.
 */
export function ownZoneOr(own: unknown, fallback: string): string {
  return typeof own === 'string' && own !== '' && isValidTimeZone(own) ? own : fallback;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The month and day of a birthday (`YYYY-MM-DD` or `MM-DD`), or null when it is no day of any year
 * (13-01, 04-31): such a birthday has no next occurrence.
 */
export function birthdayMonthDay(birthday: string): { month: number; day: number } | null {
  const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]!) return null;
  return { month, day };
}

/** Days from `today` until the next `birthday` (`YYYY-MM-DD` or `MM-DD`); 0 on the day. 29 Feb falls on 28 Feb in other years. */
export function daysToBirthday(birthday: string, today: string): number {
  const md = birthdayMonthDay(birthday);
  if (!md) throw new Error(`not a birthday: ${birthday}`);
  const year = Number(today.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, '0');
  const onYear = (y: number) => `${y}-${pad(md.month)}-${pad(md.month === 2 && md.day === 29 && !isLeap(y) ? 28 : md.day)}`;
  const thisYear = daysBetween(today, onYear(year));
  return thisYear >= 0 ? thisYear : daysBetween(today, onYear(year + 1));
}
