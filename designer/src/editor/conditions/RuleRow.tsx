import { useTranslation } from 'react-i18next';
import type { FactDefinition } from '../../../../engine/facts/catalog';
import type { Locale } from '../../../../engine/nodes/define';
import { newRule, withOperator, withPath } from '../../model/condition-edit';
import type { RuleNode } from '../../model/condition-tree';
import { compared, operatorLabel } from '../../model/condition-words';
import { ValueInput } from './ValueInput';

const CUSTOM = '\u0000custom';

interface Props {
  rule: RuleNode;
  /** The facts this condition may use (a trigger's filter sees the event only). */
  facts: readonly FactDefinition[];
  /** The whole catalog: a rule read from a document may name a fact outside `facts`. */
  allFacts: readonly FactDefinition[];
  locale: Locale;
  timeZone: string;
  disabled: boolean;
  testId: string;
  /** What is wrong with the value, in words (engine/rules/value-check.ts). */
  error: string | undefined;
  onChange(rule: RuleNode): void;
}

/** One rule: customer data, the field of an object fact, a comparison it allows, and a typed value. */
export function RuleRow({ rule, facts, allFacts, locale, timeZone, disabled, testId, error, onChange }: Props) {
  const { t } = useTranslation();
  const c = compared(allFacts, rule.fact, rule.path, locale);
  const fact = c.fact;
  const operators = fact?.operators ?? [rule.operator];
  const knownPath = fact?.paths?.some((p) => p.path === rule.path) ?? false;
  const customPath = !!fact?.paths && !knownPath;

  const setFact = (name: string) => onChange(newRule(allFacts, name, rule.operator));
  const setPath = (path: string) => onChange(withPath(allFacts, rule, path));
  const listed = facts.some((f) => f.name === rule.fact);

  return (
    <div className={`cond-rule${error ? ' has-error' : ''}`} data-testid={testId}>
      <select
        aria-label={t('conditionBuilder.fact')}
        value={rule.fact}
        disabled={disabled}
        onChange={(e) => setFact(e.target.value)}
        data-testid={`${testId}-fact`}
      >
        {!listed && <option value={rule.fact}>{fact ? fact.labels[locale] : rule.fact}</option>}
        {facts.map((f) => (
          <option key={f.name} value={f.name}>
            {f.labels[locale]}
          </option>
        ))}
      </select>
      {fact?.paths && (
        <select
          aria-label={t('conditionBuilder.path')}
          value={customPath ? CUSTOM : (rule.path ?? '')}
          disabled={disabled}
          // "Other field…" keeps the path typed so far; a free path starts at the event's data.
          onChange={(e) => setPath(e.target.value === CUSTOM ? (customPath ? (rule.path ?? '$.data.') : '$.data.') : e.target.value)}
          data-testid={`${testId}-path`}
        >
          {fact.paths.map((p) => (
            <option key={p.path} value={p.path}>
              {p.labels[locale]}
            </option>
          ))}
          {(fact.freePaths || customPath) && <option value={CUSTOM}>{t('conditionBuilder.customPath')}</option>}
        </select>
      )}
      {customPath && (
        <input
          className="mono"
          aria-label={t('conditionBuilder.path')}
          placeholder={t('conditionBuilder.pathPlaceholder')}
          value={rule.path ?? ''}
          disabled={disabled}
          onChange={(e) => onChange({ ...rule, path: e.target.value })}
          data-testid={`${testId}-custom-path`}
        />
      )}
      <select
        aria-label={t('conditionBuilder.operator')}
        value={rule.operator}
        disabled={disabled}
        onChange={(e) => onChange(withOperator(allFacts, rule, e.target.value))}
        data-testid={`${testId}-operator`}
      >
        {!operators.includes(rule.operator) && <option value={rule.operator}>{rule.operator}</option>}
        {operators.map((op) => (
          <option key={op} value={op}>
            {operatorLabel(op, c.kind, locale, rule.fact)}
          </option>
        ))}
      </select>
      <ValueInput
        rule={rule}
        kind={c.kind}
        unit={c.unit}
        choices={c.choices}
        locale={locale}
        timeZone={timeZone}
        disabled={disabled}
        invalid={!!error}
        testId={`${testId}-value`}
        onChange={(value) => onChange({ ...rule, value })}
      />
      {error && (
        <p className="field-error small" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
