import { useTranslation } from 'react-i18next';
import type { FactDefinition } from '../../../../engine/facts/catalog';
import type { Locale } from '../../../../engine/nodes/define';
import { newRule } from '../../model/condition-edit';
import { MAX_GROUP_DEPTH, replaceItem, toggleNot, type CondNode, type GroupNode, type RuleNode } from '../../model/condition-tree';
import { RuleRow } from './RuleRow';

export interface BuilderContext {
  facts: readonly FactDefinition[];
  allFacts: readonly FactDefinition[];
  locale: Locale;
  /** The journey's time zone, for date values. */
  timeZone: string;
  disabled: boolean;
  /** The problem of a rule's value, if any. */
  errorOf(rule: RuleNode): string | undefined;
}

/**
 * An all/any group: its join, its items (rules, groups, each can be negated), and buttons to add a
 * rule or a group. `level` 1 is the top; groups are offered up to MAX_GROUP_DEPTH levels.
 */
export function GroupView({
  group,
  level,
  testId,
  ctx,
  onChange,
}: {
  group: GroupNode;
  level: number;
  testId: string;
  ctx: BuilderContext;
  onChange(group: GroupNode): void;
}) {
  const { t } = useTranslation();
  const firstFact = ctx.facts[0]?.name;
  return (
    <div className={`cond-group level-${level}`} data-testid={level === 1 ? `${testId}-group` : testId}>
      <div className="cond-group-head">
        <select
          aria-label={t('condition.match')}
          value={group.mode}
          disabled={ctx.disabled}
          onChange={(e) => onChange({ ...group, mode: e.target.value as GroupNode['mode'] })}
          data-testid={`${testId}-mode`}
        >
          <option value="all">{t('conditionBuilder.matchAll')}</option>
          <option value="any">{t('conditionBuilder.matchAny')}</option>
        </select>
      </div>
      {group.items.length === 0 && <p className="muted small">{t(level === 1 ? 'conditionBuilder.empty' : 'conditionBuilder.emptyGroup')}</p>}
      <ol className="cond-items">
        {group.items.map((item, i) => (
          <ItemView key={i} item={item} level={level} testId={`${testId}-${i}`} ctx={ctx} onChange={(next) => onChange(replaceItem(group, i, next))} />
        ))}
      </ol>
      <div className="cond-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={ctx.disabled || !firstFact}
          onClick={() => onChange({ ...group, items: [...group.items, newRule(ctx.facts, firstFact!)] })}
          data-testid={`${testId}-add`}
        >
          + {t('conditionBuilder.addRule')}
        </button>
        {level < MAX_GROUP_DEPTH ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={ctx.disabled || !firstFact}
            // A new group starts as "any" with one rule: the usual reason to add one is an "or" inside an "and".
            onClick={() =>
              onChange({
                ...group,
                items: [...group.items, { kind: 'group', mode: group.mode === 'all' ? 'any' : 'all', items: [newRule(ctx.facts, firstFact!)] }],
              })
            }
            data-testid={`${testId}-add-group`}
          >
            + {t('conditionBuilder.addGroup')}
          </button>
        ) : (
          <span className="muted small">{t('conditionBuilder.depthLimit')}</span>
        )}
      </div>
    </div>
  );
}

/** One item of a group with its NOT switch and remove button; `null` from onChange removes it. */
function ItemView({
  item,
  level,
  testId,
  ctx,
  onChange,
}: {
  item: CondNode;
  level: number;
  testId: string;
  ctx: BuilderContext;
  onChange(item: CondNode | null): void;
}) {
  const { t } = useTranslation();
  const negated = item.kind === 'not';
  const inner = negated ? item.item : item;
  const setInner = (next: CondNode) => onChange(negated ? { kind: 'not', item: next } : next);
  return (
    <li className={`cond-item${negated ? ' is-negated' : ''}`}>
      <div className="cond-item-tools">
        <label className="cond-not" title={t('conditionBuilder.notTitle')}>
          <input type="checkbox" checked={negated} disabled={ctx.disabled} onChange={() => onChange(toggleNot(item))} data-testid={`${testId}-not`} />
          {t('conditionBuilder.not')}
        </label>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t(inner.kind === 'group' ? 'conditionBuilder.removeGroup' : 'conditionBuilder.removeRule')}
          title={t(inner.kind === 'group' ? 'conditionBuilder.removeGroup' : 'conditionBuilder.removeRule')}
          disabled={ctx.disabled}
          onClick={() => onChange(null)}
          data-testid={`${testId}-remove`}
        >
          ✕
        </button>
      </div>
      {negated && <span className="cond-negated small">{t('conditionBuilder.negated')}</span>}
      {inner.kind === 'rule' ? (
        <RuleRow
          rule={inner}
          facts={ctx.facts}
          allFacts={ctx.allFacts}
          locale={ctx.locale}
          timeZone={ctx.timeZone}
          disabled={ctx.disabled}
          testId={testId}
          error={ctx.errorOf(inner)}
          onChange={setInner}
        />
      ) : inner.kind === 'group' ? (
        <GroupView group={inner} level={level + 1} testId={testId} ctx={ctx} onChange={setInner} />
      ) : (
        // not(not(x)): shown one level at a time.
        <ItemView item={inner} level={level} testId={`${testId}-n`} ctx={ctx} onChange={(next) => setInner(next ?? inner)} />
      )}
    </li>
  );
}
