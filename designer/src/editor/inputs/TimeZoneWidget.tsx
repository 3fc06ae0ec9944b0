import type { WidgetProps } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { knownZones, zoneOptions } from '../../model/time-zones';

const SHOWN = 60;

/**
 * A searchable IANA time zone picker: typing filters by zone name or its label (上海, Singapore);
 * the zones Chinese shops mostly use come first. Only a listed zone is taken, so no misspelt zone
 * reaches the config.
 */
export function TimeZoneWidget({ id, name, value, onChange, disabled, readonly }: WidgetProps<string>) {
  return <TimeZonePicker id={id} name={name} value={typeof value === 'string' ? value : ''} onChange={onChange} disabled={Boolean(disabled || readonly)} />;
}

/** The picker itself, for places outside a config form (the journey's own time zone). */
export function TimeZonePicker({
  id,
  name,
  value,
  onChange,
  disabled,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const all = useMemo(knownZones, []);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const options = useMemo(() => zoneOptions(all, locale, query ?? '').slice(0, SHOWN), [all, locale, query]);
  const current = value;
  const open = query !== null;
  const pick = (zone: string) => {
    onChange(zone);
    setQuery(null);
  };
  const labelOf = (zone: string) => zoneOptions(all, locale, '').find((o) => o.zone === zone && o.common)?.label;
  const listId = `${id}-zones`;

  return (
    <div className="zone-picker" data-testid={`timezone-${name}`}>
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        placeholder={t('inputs.timeZone.placeholder')}
        value={open ? query : current}
        disabled={disabled}
        onFocus={() => {
          setQuery('');
          setActive(0);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && open && options[active]) pick(options[active].zone);
          else if (e.key === 'Escape') setQuery(null);
          else return;
          e.preventDefault();
        }}
        // After a click on an option has been handled.
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {!open && current && labelOf(current) && <span className="muted small">{labelOf(current)}</span>}
      {open && (
        <ul id={listId} role="listbox" className="zone-options">
          {options.map((o, i) => (
            <li
              key={o.zone}
              role="option"
              aria-selected={o.zone === current}
              className={`${i === active ? 'is-active' : ''} ${o.common ? 'is-common' : ''}`}
              data-zone={o.zone}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o.zone)}
            >
              <span>{o.zone}</span>
              {o.common && <span className="muted small">{o.label}</span>}
            </li>
          ))}
          {options.length === 0 && <li className="muted small">{t('inputs.timeZone.unknown')}</li>}
        </ul>
      )}
    </div>
  );
}
