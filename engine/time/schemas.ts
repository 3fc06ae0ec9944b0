import { z } from 'zod';
import { parseLocalDateTime, parseTimeOfDay } from './zoned';

/** `HH:mm` on a 24-hour clock, e.g. `09:00` or `21:30`. */
export const timeOfDaySchema = z
  .string()
  .refine((s) => parseTimeOfDay(s) !== null, 'write a time of day as HH:mm, e.g. 09:00')
  // Not JSON Schema's `time` (that one has seconds and an offset): the designer shows a time picker for it.
  .meta({ format: 'time-of-day' });

/** Whole days before (negative) or after a customer date, within a year either way. */
export const offsetDaysSchema = z
  .number()
  .int('offsetDays must be a whole number of days')
  .min(-365, 'at most 365 days before')
  .max(365, 'at most 365 days after')
  .default(0);

/** `YYYY-MM-DDTHH:mm`, a real local date and time, e.g. `2026-11-11T10:00`. */
export const localDateTimeSchema = z
  .string()
  .refine((s) => parseLocalDateTime(s) !== null, 'write a local date and time as YYYY-MM-DDTHH:mm, e.g. 2026-11-11T10:00')
  // Not JSON Schema's `date-time` (that one has an offset): the designer shows a date and time picker.
  .meta({ format: 'local-date-time' });

/** Days of the week, 1 (Monday) to 7 (Sunday), at least one; the designer shows seven toggles. */
export const weekdaysSchema = z
  .array(z.number().int().min(1, 'weekdays are 1 (Monday) to 7 (Sunday)').max(7, 'weekdays are 1 (Monday) to 7 (Sunday)'))
  .min(1, 'choose at least one weekday')
  .meta({ format: 'weekdays' });
