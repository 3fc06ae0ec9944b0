import type { FieldProps } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeafCondition, TopLevelCondition } from '../../../engine/rules/conditions';
import { valueProblem, valueProblemMessage } from '../../../engine/rules/value-check';
import '../i18n/conditions';
import './conditions/conditions.css';
import { currentLocale } from '../i18n';
import { conditionFacts, fieldTextOf } from './fieldTexts';
import { readCondition, rulesOf, writeCondition, writeNode, type RuleNode, type TopNode } from '../model/condition-tree';
import { describeCondition } from '../model/condition-words';
import { useStore } from '../store';
import { GroupView, type BuilderContext } from './conditions/GroupView';
import { RuleRow } from './conditions/RuleRow';
import { ConditionJson } from './conditions/ConditionJson';

/**
 * rjsf custom field for json-rules-engine conditions: the condition editor on a step's field. A
 * field whose step file limits its facts (a trigger's and a wait's filter see the event only:
 * engine/nodes/field.ts `facts`) gets those facts alone.
 */
export function ConditionField({ formData, onChange, fieldPathId, schema, name, errorSchema, disabled, readonly }: FieldProps<TopLevelCondition | undefined>) {
  const title = fieldTextOf(schema, currentLocale())?.title ?? schema.title ?? name;
  return (
    <ConditionEditor
      value={formData}
      title={title}
      testId={`condition-${name}`}
      // An optional condition (a trigger's filter) is removed when its last rule goes; one with a
      // default (a condition step's) stays as an empty list, which json-rules-engine treats as true.
      optional={schema.default === undefined}
      scope={conditionFacts(schema)}
      disabled={!!(disabled || readonly)}
      fieldErrors={errorSchema?.__errors ?? []}
      onChange={(next) => onChange(next, fieldPathId.path)}
    />
  );
}

interface EditorProps {
  value: unknown;
  title: string;
  testId: string;
  optional: boolean;
  /** Fact names this condition may use; all facts when absent. */
  scope?: readonly string[] | undefined;
  disabled?: boolean;
  /** Problems validation reported for the field; those about a rule's value show under the rule. */
  fieldErrors?: readonly string[];
  onChange(next: TopLevelCondition | undefined): void;
}

/**
 * The condition builder (nested all / any / not groups of typed rules) with the condition in words
 * under it. A condition the builder cannot show is edited as JSON instead, unchanged; the JSON
 * editor is also there on request.
 */
export function ConditionEditor({ value, title, testId, optional, scope, disabled = false, fieldErrors = [], onChange }: EditorProps) {
  const { t, i18n } = useTranslation();
  const allFacts = useStore((s) => s.facts);
  const timeZone = useStore((s) => s.meta?.settings?.timezone ?? 'Asia/Shanghai');
  const [asJson, setAsJson] = useState(false);
  const locale = currentLocale();
  const tree = useMemo(() => readCondition(value), [value]);
  const locked = disabled;
  // In the scope's order: its first fact is the one a new rule starts with.
  const facts = useMemo(() => (scope ? scope.flatMap((name) => allFacts.filter((f) => f.name === name)) : allFacts), [allFacts, scope]);
  const language = i18n.language;

  const summary = useMemo(() => describeCondition(value, allFacts, locale), [value, allFacts, locale, language]);
  const errorOf = (rule: RuleNode): string | undefined => {
    const fact = allFacts.find((f) => f.name === rule.fact);
    if (!fact) return undefined;
    const leaf = writeNode(rule) as LeafCondition;
    const reason = valueProblem(leaf, fact);
    return reason ? valueProblemMessage(locale, reason, leaf, fact) : undefined;
  };
  const inline = new Set(tree ? rulesOf(tree).flatMap((r) => errorOf(r) ?? []) : []);
  // The engine's messages about values are shown under their rule; the rest under the field.
  const errors = fieldErrors.filter((e) => !inline.has(e));

  const emit = (next: TopNode) => {
    const empty = next.kind === 'group' && next.items.length === 0;
    onChange(empty && optional ? undefined : writeCondition(next));
  };
  const ctx: BuilderContext = { facts, allFacts, locale, timeZone, disabled: locked, errorOf };

  const showJson = asJson || !tree;
  return (
    <fieldset className="condition" data-testid={testId}>
      <legend>{title}</legend>
      {scope && <p className="muted small">{t('conditionBuilder.eventOnly')}</p>}
      {showJson ? (
        <>
          <p className="muted small" data-testid={`${testId}-json-note`}>
            {tree ? t('conditionBuilder.editJson') : t('conditionBuilder.tooComplex')}
          </p>
          <ConditionJson value={value} disabled={locked} testId={testId} onChange={(v) => onChange(v as TopLevelCondition | undefined)} />
        </>
      ) : tree.kind === 'group' ? (
        <>
          {/* The whole condition can be turned round too ("customers who do NOT …"); not while it is empty. */}
          {tree.items.length > 0 && (
            <label className="cond-not cond-not-top" title={t('conditionBuilder.notTitle')}>
              <input type="checkbox" checked={false} disabled={locked} onChange={() => emit({ kind: 'not', item: tree })} data-testid={`${testId}-not`} />
              {t('conditionBuilder.not')}
            </label>
          )}
          <GroupView group={tree} level={1} testId={testId} ctx={ctx} onChange={emit} />
        </>
      ) : (
        <NegatedTop tree={tree} testId={testId} ctx={ctx} onChange={emit} />
      )}
      <p className="cond-summary" data-testid={`${testId}-summary`}>
        <span className="muted">{t('conditionBuilder.summary')}: </span>
        {summary}
      </p>
      <div className="cond-actions">
        {asJson && tree ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAsJson(false)} data-testid={`${testId}-builder`}>
            {t('conditionBuilder.backToBuilder')}
          </button>
        ) : tree ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setAsJson(true)} data-testid={`${testId}-json`}>
            {t('conditionBuilder.editJson')}
          </button>
        ) : null}
      </div>
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

/** A condition whose top is `not`: the NOT switch takes it off (a lone rule goes into an "all"). */
function NegatedTop({
  tree,
  testId,
  ctx,
  onChange,
}: {
  tree: Extract<TopNode, { kind: 'not' }>;
  testId: string;
  ctx: BuilderContext;
  onChange(next: TopNode): void;
}) {
  const { t } = useTranslation();
  const inner = tree.item;
  const unwrap = (): TopNode => (inner.kind === 'group' ? inner : { kind: 'group', mode: 'all', items: [inner] });
  return (
    <div className="cond-item is-negated">
      <label className="cond-not" title={t('conditionBuilder.notTitle')}>
        <input type="checkbox" checked disabled={ctx.disabled} onChange={() => onChange(unwrap())} data-testid={`${testId}-not`} />
        {t('conditionBuilder.not')}
      </label>
      <span className="cond-negated small">{t('conditionBuilder.negated')}</span>
      {inner.kind === 'group' ? (
        <GroupView group={inner} level={1} testId={testId} ctx={ctx} onChange={(g) => onChange({ kind: 'not', item: g })} />
      ) : inner.kind === 'rule' ? (
        <RuleRow
          rule={inner}
          facts={ctx.facts}
          allFacts={ctx.allFacts}
          locale={ctx.locale}
          timeZone={ctx.timeZone}
          disabled={ctx.disabled}
          testId={`${testId}-0`}
          error={ctx.errorOf(inner)}
          onChange={(r) => onChange({ kind: 'not', item: r })}
        />
      ) : (
        <p className="mono small">{JSON.stringify(writeNode(inner))}</p>
      )}
    </div>
  );
}
