import type { FieldProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { TopLevelCondition } from '../../../engine/rules/conditions';
import { currentLocale, fieldTexts } from '../i18n';
import { flatten, ruleFor, unflatten, type FlatCondition, type Mode, type Rule } from '../model/conditions';
import { useStore } from '../store';
import { RuleRow } from './RuleRow';

/**
 * rjsf custom field for json-rules-engine conditions: "all"/"any" plus rows of fact, path,
 * operator and value, instead of rjsf's rendering of the raw anyOf/$ref schema.
 */
export function ConditionField({ formData, onChange, fieldPathId, schema, name, errorSchema, disabled, readonly }: FieldProps<TopLevelCondition | undefined>) {
  const { t } = useTranslation();
  const facts = useStore((s) => s.facts);
  const text = fieldTexts(currentLocale())[name];
  const title = text?.title ?? schema.title ?? name;
  const flat = flatten(formData);
  const locked = disabled || readonly;
  // An optional condition (a trigger's filter) is removed when its last rule goes; one with a
  // default (a condition step's) stays as an empty list, which json-rules-engine treats as true.
  const optional = schema.default === undefined;

  const emit = (next: FlatCondition) => onChange(next.rules.length === 0 && optional ? undefined : unflatten(next), fieldPathId.path);
  const errors = errorSchema?.__errors ?? [];

  return (
    <fieldset className="condition" data-testid={`condition-${name}`}>
      <legend>{title}</legend>
      {!flat ? (
        <>
          <p className="muted small">{t('condition.tooComplex')}</p>
          <pre className="mono small">{JSON.stringify(formData, null, 2)}</pre>
        </>
      ) : (
        <>
          {/* With no rules yet there is nothing to join. */}
          {flat.rules.length > 0 && (
            <label className="condition-mode">
              <span>{t('condition.match')}</span>
              <select
                value={flat.mode}
                disabled={locked}
                onChange={(e) => emit({ ...flat, mode: e.target.value as Mode })}
                data-testid={`condition-${name}-mode`}
              >
                <option value="all">{t('condition.all')}</option>
                <option value="any">{t('condition.any')}</option>
              </select>
            </label>
          )}
          {flat.rules.length === 0 && <p className="muted small">{t('condition.noRules')}</p>}
          <ol className="rules">
            {flat.rules.map((rule, i) => (
              <RuleRow
                key={i}
                testId={`condition-${name}-${i}`}
                rule={rule}
                facts={facts}
                disabled={!!locked}
                onChange={(r: Rule) => emit({ ...flat, rules: flat.rules.map((x, j) => (j === i ? r : x)) })}
                onRemove={() => emit({ ...flat, rules: flat.rules.filter((_, j) => j !== i) })}
              />
            ))}
          </ol>
          <button
            type="button"
            className="btn btn-small"
            disabled={locked || facts.length === 0}
            onClick={() => emit({ ...flat, rules: [...flat.rules, ruleFor(facts[0]!)] })}
            data-testid={`condition-${name}-add`}
          >
            + {t('condition.add')}
          </button>
        </>
      )}
      {errors.length > 0 && (
        <ul className="field-errors">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
