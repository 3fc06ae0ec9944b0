/**
 * Wall-clock reading of instants in a time zone and back, with Intl only (runs in the browser,
 * the server and the workflow sandbox). Minutes are minutes after local midnight.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface LocalClock {
  /** `YYYY-MM-DD` */
  date: string;
  /** Minutes after local midnight, 0–1439. */
  minutes: number;
  /** ISO weekday, Monday = 1. */
  weekday: number;
}

export function localClock(instant: number, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: weekdays[parts.weekday!] ?? 1,
  };
}

/** `HH:mm` → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const c = localClock(instant, timeZone);
  const seconds = new Date(instant).getUTCSeconds();
  const asUtc = Date.parse(`${c.date}T00:00:00Z`) + c.minutes * 60_000 + seconds * 1000;
  return asUtc - (instant - (instant % 1000));
}

/**
 * The instant a local wall-clock time occurs in a zone. A time skipped by a DST change is read
 * with the offset before the change (02:30 on a spring-forward night is 03:30).
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return second === first ? first : Math.max(first, second);
}

/** `YYYY-MM-DD` plus whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
