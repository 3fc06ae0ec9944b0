import { useTranslation } from 'react-i18next';
import type { FactDefinition, FactType } from '../../../engine/facts/catalog';
import { currentLocale } from '../i18n';
import { initialValue, parseList, ruleFor, takesList, valueType, type Rule } from '../model/conditions';

interface Props {
  rule: Rule;
  facts: readonly FactDefinition[];
  disabled: boolean;
  testId: string;
  onChange(rule: Rule): void;
  onRemove(): void;
}

/** One rule: fact, the fact's path (object facts), an operator it allows, and a typed value. */
export function RuleRow({ rule, facts, disabled, testId, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const fact = facts.find((f) => f.name === rule.fact);
  const type = valueType(fact, rule.path);
  const operators = fact?.operators ?? [rule.operator];

  const setFact = (name: string) => {
    const next = facts.find((f) => f.name === name);
    if (next) onChange(ruleFor(next, rule.operator));
  };
  // A new path or operator may change what the value is (a number, a list, yes/no): reset it
  // when its kind changes, keep it otherwise.
  const setPath = (path: string) => {
    const nextType = valueType(fact, path);
    onChange({ ...rule, path, value: nextType === type ? rule.value : initialValue(rule.operator, nextType) });
  };
  const setOperator = (operator: string) => {
    const sameKind = takesList(operator) === takesList(rule.operator) && (operator === 'exists') === (rule.operator === 'exists');
    onChange({ ...rule, operator, value: sameKind ? rule.value : initialValue(operator, type) });
  };

  return (
    <li className="rule" data-testid={testId}>
      <select aria-label={t('condition.fact')} value={rule.fact} disabled={disabled} onChange={(e) => setFact(e.target.value)} data-testid={`${testId}-fact`}>
        {!fact && <option value={rule.fact}>{rule.fact}</option>}
        {facts.map((f) => (
          <option key={f.name} value={f.name}>
            {f.labels[locale]}
          </option>
        ))}
      </select>
      {fact?.paths && (
        <select aria-label={t('condition.path')} value={rule.path ?? ''} disabled={disabled} onChange={(e) => setPath(e.target.value)} data-testid={`${testId}-path`}>
          {!fact.paths.some((p) => p.path === rule.path) && <option value={rule.path ?? ''}>{rule.path ?? '—'}</option>}
          {fact.paths.map((p) => (
            <option key={p.path} value={p.path}>
              {p.labels[locale]}
            </option>
          ))}
        </select>
      )}
      <select aria-label={t('condition.operator')} value={rule.operator} disabled={disabled} onChange={(e) => setOperator(e.target.value)} data-testid={`${testId}-operator`}>
        {!operators.includes(rule.operator) && <option value={rule.operator}>{rule.operator}</option>}
        {operators.map((op) => (
          <option key={op} value={op}>
            {t(`operators.${op}`, { defaultValue: op })}
          </option>
        ))}
      </select>
      <ValueInput rule={rule} type={type} disabled={disabled} testId={`${testId}-value`} onChange={(value) => onChange({ ...rule, value })} />
      <button type="button" className="btn btn-ghost btn-small" aria-label={t('condition.remove')} title={t('condition.remove')} disabled={disabled} onClick={onRemove} data-testid={`${testId}-remove`}>
        ✕
      </button>
    </li>
  );
}

function ValueInput({ rule, type, disabled, testId, onChange }: { rule: Rule; type: FactType | undefined; disabled: boolean; testId: string; onChange(value: unknown): void }) {
  const { t } = useTranslation();
  const label = t('condition.value');
  if (rule.operator === 'exists') {
    return (
      <select aria-label={label} value={rule.value === false ? 'no' : 'yes'} disabled={disabled} onChange={(e) => onChange(e.target.value === 'yes')} data-testid={testId}>
        <option value="yes">{t('condition.yes')}</option>
        <option value="no">{t('condition.no')}</option>
      </select>
    );
  }
  // Each kind of input has its own key: React remounts rather than turning the list's
  // uncontrolled input (free typing of "a, b,") into a controlled one.
  if (takesList(rule.operator)) {
    return (
      <input
        key="list"
        aria-label={label}
        placeholder={t('condition.listHint')}
        defaultValue={Array.isArray(rule.value) ? rule.value.join(', ') : ''}
        disabled={disabled}
        onChange={(e) => onChange(parseList(e.target.value, type))}
        data-testid={testId}
      />
    );
  }
  if (type === 'number') {
    return (
      <input
        key="number"
        aria-label={label}
        type="number"
        step="any"
        value={typeof rule.value === 'number' ? rule.value : ''}
        disabled={disabled}
        // json-rules-engine compares numbers strictly: a number fact needs a number value.
        onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        data-testid={testId}
      />
    );
  }
  return <input key="text" aria-label={label} value={typeof rule.value === 'string' ? rule.value : String(rule.value ?? '')} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
}
