import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationUnits, joinDuration, splitDuration, type DurationUnit } from '../../model/duration-input';

/**
 * An ISO 8601 duration as a number and a unit (分钟 / 小时 / 天). The config holds the ISO text
 * (`P2D`); a stored value the input cannot show exactly (`PT90S`) is named and kept until edited.
 */
export function DurationWidget({ id, name, value, onChange, disabled, readonly }: WidgetProps<string>) {
  const { t } = useTranslation();
  const stored = typeof value === 'string' ? value : '';
  const split = splitDuration(stored);
  const [amount, setAmount] = useState(split ? String(split.amount) : '');
  const [unit, setUnit] = useState<DurationUnit>(split?.unit ?? 'days');
  // A change from outside (undo, a paste) shows; what is being typed is not overwritten by itself.
  useEffect(() => {
    const next = splitDuration(stored);
    if (next && joinDuration(Number(amount), unit) !== stored) {
      setAmount(String(next.amount));
      setUnit(next.unit);
    }
  }, [stored]);

  const emit = (a: string, u: DurationUnit) => {
    setAmount(a);
    setUnit(u);
    const iso = joinDuration(Number(a), u);
    if (iso !== null && iso !== stored) onChange(iso);
  };
  const locked = disabled || readonly;
  const kept = stored !== '' && !split;
  return (
    <div className="duration-input" data-testid={`duration-${name}`}>
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        className="duration-amount"
        aria-label={t('inputs.duration.amount')}
        value={amount}
        disabled={locked}
        onChange={(e) => emit(e.target.value, unit)}
      />
      <select
        className="duration-unit"
        aria-label={t('inputs.duration.unit')}
        value={unit}
        disabled={locked}
        onChange={(e) => emit(amount, e.target.value as DurationUnit)}
      >
        {durationUnits.map((u) => (
          <option key={u} value={u}>
            {t(`inputs.duration.units.${u}`)}
          </option>
        ))}
      </select>
      {kept && <span className="muted small">{t('inputs.duration.raw', { value: stored })}</span>}
    </div>
  );
}
