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

/** Days from `today` until the next `birthday` (`YYYY-MM-DD` or `MM-DD`); 0 on the day. 29 Feb falls on 28 Feb in other years. */
export function daysToBirthday(birthday: string, today: string): number {
  const [, mm, dd] = /(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(birthday) ?? [];
  if (!mm || !dd) throw new Error(`not a birthday: ${birthday}`);
  const year = Number(today.slice(0, 4));
  const onYear = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const day = mm === '02' && dd === '29' && !leap ? '28' : dd;
    return `${y}-${mm}-${day}`;
  };
  const thisYear = daysBetween(today, onYear(year));
  return thisYear >= 0 ? thisYear : daysBetween(today, onYear(year + 1));
}
