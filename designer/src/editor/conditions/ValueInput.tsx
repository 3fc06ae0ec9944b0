import { useTranslation } from 'react-i18next';
import type { FactChoice } from '../../../../engine/facts/catalog';
import type { Locale } from '../../../../engine/nodes/define';
import { convertFree, dayToValue, freeTypeOf, parseList, takesList, valueToDay, type FreeType } from '../../model/condition-edit';
import type { RuleNode } from '../../model/condition-tree';
import { unitWord, type ValueKind } from '../../model/condition-words';
import { TagInput, TagListInput } from './TagInputs';

interface Props {
  rule: RuleNode;
  kind: ValueKind;
  unit: string | undefined;
  choices: FactChoice[] | undefined;
  locale: Locale;
  /** The journey's time zone: a picked day is its midnight there. */
  timeZone: string;
  disabled: boolean;
  invalid: boolean;
  testId: string;
  onChange(value: unknown): void;
}

/**
 * The value of one rule, typed by what it compares: a number with its unit, a select of a fact's
 * choices (checkboxes for "one of"), a tag picker, yes/no, a date, or free text typed as text,
 * number or yes/no for an event field the catalog does not know.
 */
export function ValueInput({ rule, kind, unit, choices, locale, timeZone, disabled, invalid, testId, onChange }: Props) {
  const { t } = useTranslation();
  const label = t('conditionBuilder.value');
  const common = { 'aria-label': label, 'aria-invalid': invalid || undefined, disabled, 'data-testid': testId };
  const { operator, value } = rule;

  if (operator === 'exists') {
    return (
      <select {...common} value={value === false ? 'no' : 'yes'} onChange={(e) => onChange(e.target.value === 'yes')}>
        <option value="yes">{t('conditionBuilder.present')}</option>
        <option value="no">{t('conditionBuilder.absent')}</option>
      </select>
    );
  }
  if (kind === 'tags') {
    return operator === 'hasAnyTag' ? (
      <TagListInput value={Array.isArray(value) ? value.map(String) : []} disabled={disabled} invalid={invalid} testId={testId} onChange={onChange} />
    ) : (
      <TagInput value={typeof value === 'string' ? value : ''} disabled={disabled} invalid={invalid} testId={testId} onChange={onChange} />
    );
  }
  if (kind === 'choice' && choices) {
    if (takesList(operator)) {
      const chosen = Array.isArray(value) ? value : [];
      // In the choices' order, so the stored list does not depend on the order of the clicks.
      const toggle = (v: string, on: boolean) => onChange(choices.map((c) => c.value).filter((x) => (x === v ? on : chosen.includes(x))));
      return (
        <fieldset className={`choice-list${invalid ? ' is-invalid' : ''}`} aria-label={label} data-testid={testId}>
          {choices.map((c) => (
            <label key={c.value} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(c.value)}
                disabled={disabled}
                onChange={(e) => toggle(c.value, e.target.checked)}
                data-testid={`${testId}-${c.value}`}
              />
              {c.labels[locale]}
            </label>
          ))}
        </fieldset>
      );
    }
    return (
      <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
        {!choices.some((c) => c.value === value) && (
          <option value={typeof value === 'string' ? value : ''}>{value === '' || value === undefined ? t('conditionBuilder.choose') : String(value)}</option>
        )}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.labels[locale]}
          </option>
        ))}
      </select>
    );
  }
  if (kind === 'any') return <FreeValue {...{ rule, disabled, invalid, testId, onChange }} />;
  if (takesList(operator)) {
    return (
      // Its own key: free typing of "a, b," stays as typed (uncontrolled) while the list is parsed.
      <input
        key="list"
        {...common}
        placeholder={t('conditionBuilder.listHint')}
        defaultValue={Array.isArray(value) ? value.join(', ') : ''}
        onChange={(e) => onChange(parseList(e.target.value, kind === 'number'))}
      />
    );
  }
  if (kind === 'number') {
    return (
      <span className="value-with-unit">
        <input
          key="number"
          {...common}
          type="number"
          step="any"
          value={typeof value === 'number' ? value : ''}
          // json-rules-engine compares numbers strictly: a number fact needs a number value; an
          // emptied input is "" and validation names it.
          onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        />
        {unit && (
          <span className="unit" data-testid={`${testId}-unit`}>
            {unitWord(unit, locale)}
          </span>
        )}
      </span>
    );
  }
  if (kind === 'boolean') {
    return (
      <select {...common} value={value === false ? 'false' : 'true'} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('conditionBuilder.yes')}</option>
        <option value="false">{t('conditionBuilder.no')}</option>
      </select>
    );
  }
  if (kind === 'date')
    return <input key="date" {...common} type="date" value={valueToDay(value)} onChange={(e) => onChange(dayToValue(e.target.value, timeZone))} />;
  return <input key="text" {...common} value={typeof value === 'string' ? value : String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}

/** A value for a field of the event the catalog does not list: its type is chosen beside it. */
function FreeValue({ rule, disabled, invalid, testId, onChange }: Pick<Props, 'rule' | 'disabled' | 'invalid' | 'testId' | 'onChange'>) {
  const { t } = useTranslation();
  const type = freeTypeOf(rule.value);
  const list = takesList(rule.operator);
  const label = t('conditionBuilder.value');
  const typeSelect = (
    <select
      aria-label={t('conditionBuilder.value')}
      className="free-type"
      value={type}
      disabled={disabled}
      onChange={(e) => onChange(convertFree(rule.value, e.target.value as FreeType))}
      data-testid={`${testId}-type`}
    >
      {(['text', 'number', 'boolean'] as const).map((x) => (
        <option key={x} value={x}>
          {t(`conditionBuilder.valueType.${x}`)}
        </option>
      ))}
    </select>
  );
  let input;
  if (type === 'boolean' && !list) {
    input = (
      <select
        aria-label={label}
        value={rule.value === false ? 'false' : 'true'}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === 'true')}
        data-testid={testId}
      >
        <option value="true">{t('conditionBuilder.yes')}</option>
        <option value="false">{t('conditionBuilder.no')}</option>
      </select>
    );
  } else if (list) {
    input = (
      <input
        key={`list-${type}`}
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder={t('conditionBuilder.listHint')}
        defaultValue={Array.isArray(rule.value) ? rule.value.join(', ') : ''}
        disabled={disabled}
        onChange={(e) => onChange(parseList(e.target.value, type === 'number'))}
        data-testid={testId}
      />
    );
  } else if (type === 'number') {
    input = (
      <input
        key="number"
        aria-label={label}
        aria-invalid={invalid || undefined}
        type="number"
        step="any"
        value={typeof rule.value === 'number' ? rule.value : ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        data-testid={testId}
      />
    );
  } else {
    input = (
      <input
        key="text"
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={String(rule.value ?? '')}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    );
  }
  return (
    <span className="free-value">
      {typeSelect}
      {input}
    </span>
  );
}
