import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

const days = [1, 2, 3, 4, 5, 6, 7] as const;

/** Days of the week as seven toggles, Monday first; the list is kept sorted. */
export function WeekdaysWidget({ name, value, onChange, disabled, readonly }: WidgetProps<number[]>) {
  const { t } = useTranslation();
  const chosen = new Set(Array.isArray(value) ? value : []);
  const toggle = (d: number) => {
    const next = new Set(chosen);
    if (next.has(d)) next.delete(d);
    else next.add(d);
    onChange([...next].sort((a, b) => a - b));
  };
  return (
    <div className="weekday-toggles" role="group" data-testid={`weekdays-${name}`}>
      {days.map((d) => (
        <button
          key={d}
          type="button"
          className={`weekday ${chosen.has(d) ? 'is-on' : ''}`}
          aria-pressed={chosen.has(d)}
          aria-label={t(`inputs.weekdayNames.${d}`)}
          data-weekday={d}
          disabled={disabled || readonly}
          onClick={() => toggle(d)}
        >
          {t(`inputs.weekdays.${d}`)}
        </button>
      ))}
    </div>
  );
}
