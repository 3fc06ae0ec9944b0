import { z } from 'zod';
import { localDate } from '../../../engine/index';
import { addDays, parseDate } from '../../../engine/time/zoned';

/**
 * A template built around one day (Double 11): the config fields set from it, so a journey made
 * from the template has its dates for the year asked for, never a year written into the file.
 */
export const eventDateSpecSchema = z.object({
  /** `MM-DD`: the default event date is the next such day (see defaultEventDate). */
  monthDay: z.string().regex(/^\d{2}-\d{2}$/),
  /** Each field becomes `YYYY-MM-DDTHH:mm`, `daysBefore` days before the event at `time` (local). */
  dates: z.array(z.object({ node: z.string(), field: z.string(), daysBefore: z.number().int().min(0), time: z.string().regex(/^\d{2}:\d{2}$/) })),
});
export type EventDateSpec = z.infer<typeof eventDateSpecSchema>;

type Day = { year: number; month: number; day: number };

const text = (d: Day) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The next event day whose earliest dated step is still ahead in the shop's time zone: on 1
 * November the first wave of this year's Double 11 (15 days before) has passed, so next year's.
 */
export function defaultEventDate(spec: EventDateSpec, now: number, timezone: string): string {
  const today = localDate(new Date(now), timezone);
  const lead = Math.max(0, ...spec.dates.map((d) => d.daysBefore));
  for (let year = Number(today.slice(0, 4)); ; year++) {
    const day = parseDate(`${year}-${spec.monthDay}`);
    if (day && text(addDays(day, -lead)) > today) return text(day);
  }
}

/** The config values the spec sets for an event on `eventDate` (YYYY-MM-DD), per node id. */
export function datedFields(spec: EventDateSpec, eventDate: string): Map<string, Record<string, string>> {
  const day = parseDate(eventDate);
  if (!day) throw new Error(`eventDate: "${eventDate}" is not a date (YYYY-MM-DD)`);
  const fields = new Map<string, Record<string, string>>();
  for (const d of spec.dates) fields.set(d.node, { ...fields.get(d.node), [d.field]: `${text(addDays(day, -d.daysBefore))}T${d.time}` });
  return fields;
}
