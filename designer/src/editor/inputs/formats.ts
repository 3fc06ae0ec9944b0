import { isValidTimeZone } from '../../../../engine/facts/dates';
import { parseLocalDateTime, parseTimeOfDay } from '../../../../engine/time/zoned';

/**
 * The friendly inputs, chosen by a field's JSON Schema `format`, so a plugin's field gets the same
 * input as a built-in one by declaring the format:
 * - `template` (a Mustache message): the message editor — variable picker and live preview;
 * - `duration` (ISO 8601, `P2D`): a number and a unit (minutes, hours, days);
 * - `time-of-day` (`HH:mm`): a time picker;
 * - `local-date-time` (`YYYY-MM-DDTHH:mm`, no offset): a date and time picker;
 * - `time-zone` (IANA name): a searchable zone picker, common shop zones first;
 * - `weekdays` (an array of 1 = Monday … 7 = Sunday): seven toggles;
 * - `segment-id` (a saved segment's id): a picker of the shop's segments with their counts.
 */
export const widgetByFormat: Record<string, string> = {
  template: 'template',
  duration: 'duration',
  'time-of-day': 'timeOfDay',
  'local-date-time': 'localDateTime',
  'time-zone': 'timeZone',
  weekdays: 'weekdays',
  'segment-id': 'segment',
};

/** The widget for a property's format, if it has one the designer knows. */
export function widgetForFormat(prop: { type?: unknown; format?: unknown }): string | undefined {
  if (typeof prop.format !== 'string' || !Object.hasOwn(widgetByFormat, prop.format)) return undefined;
  const widget = widgetByFormat[prop.format]!;
  // `weekdays` names a list; the others are strings.
  return (widget === 'weekdays') === (prop.type === 'array') ? widget : undefined;
}

/**
 * The same formats for rjsf's Ajv, which otherwise warns about each unknown one when it compiles a
 * schema (it does to choose an anyOf branch). The engine's validation remains the one that counts.
 */
export const customFormats: Record<string, (value: string) => boolean> = {
  template: () => true,
  'time-of-day': (v) => parseTimeOfDay(v) !== null,
  'local-date-time': (v) => parseLocalDateTime(v) !== null,
  'time-zone': (v) => isValidTimeZone(v),
  weekdays: () => true,
  'segment-id': () => true,
  // An object (a message step's provider template), given its own field by schemaForm.ts.
  'sms-template': () => true,
};
