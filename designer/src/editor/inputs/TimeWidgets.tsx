import type { WidgetProps } from '@rjsf/utils';

/** `HH:mm` with the browser's time picker (24-hour where the language uses it). */
export function TimeOfDayWidget({ id, name, value, onChange, disabled, readonly }: WidgetProps<string>) {
  return (
    <input
      id={id}
      type="time"
      step={60}
      className="time-input"
      data-testid={`time-${name}`}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled || readonly}
      // An emptied picker leaves the field absent, which the engine names as missing.
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

/** `YYYY-MM-DDTHH:mm`, a local date and time with no offset: exactly what datetime-local gives. */
export function LocalDateTimeWidget({ id, name, value, onChange, disabled, readonly }: WidgetProps<string>) {
  return (
    <input
      id={id}
      type="datetime-local"
      step={60}
      className="datetime-input"
      data-testid={`datetime-${name}`}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled || readonly}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value.slice(0, 16))}
    />
  );
}
