import { useTranslation } from 'react-i18next';
import type { TopLevelCondition } from '../../../../engine/rules/conditions';
import { useStore } from '../../store';
import { ConditionEditor } from '../ConditionField';

type Settings = NonNullable<ReturnType<typeof useStore.getState>['meta']>['settings'];
type Exit = Settings['exitWhen'][number];

// What their conditions are checked against (engine eventMatchesWait, server conversions): the
// event that enrolled the customer as `event`, an exit's own event as `lastEvent`; a goal's event as `event`.
const exitFacts = ['lastEvent', 'event', 'orderAmount'];
const goalFacts = ['event', 'orderAmount'];

/**
 * The journey's exit criteria and conversion goal, with the condition builder on their conditions.
 * Shown with the journey's settings while no step is selected.
 */
export function ExitGoalSettings() {
  const { t } = useTranslation();
  const exitWhen = useStore((s) => s.meta?.settings.exitWhen);
  const goal = useStore((s) => s.meta?.settings.goal);
  const setSettings = useStore((s) => s.setSettings);
  if (exitWhen === undefined) return null;

  const setExit = (i: number, next: Exit | null) =>
    setSettings({ exitWhen: next === null ? exitWhen.filter((_, j) => j !== i) : exitWhen.map((x, j) => (j === i ? next : x)) });
  const withCondition = <T extends { condition?: TopLevelCondition | undefined }>(x: T, condition: TopLevelCondition | undefined): T => {
    const { condition: _old, ...rest } = x;
    return (condition === undefined ? rest : { ...rest, condition }) as T;
  };

  return (
    <div className="exit-goal" data-testid="exit-goal-settings">
      <h3>{t('conditionBuilder.settings.exitTitle')}</h3>
      <p className="muted small">{t('conditionBuilder.settings.exitHelp')}</p>
      {exitWhen.map((exit, i) => (
        <div className="exit-rule" key={i} data-testid={`exit-${i}`}>
          <label>
            {t('conditionBuilder.settings.eventType')}
            <input
              value={exit.eventType}
              placeholder="order.paid"
              onChange={(e) => setExit(i, { ...exit, eventType: e.target.value })}
              data-testid={`exit-${i}-event`}
            />
          </label>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={exit.sameOrder}
              onChange={(e) => setExit(i, { ...exit, sameOrder: e.target.checked })}
              data-testid={`exit-${i}-same-order`}
            />
            {t('conditionBuilder.settings.sameOrder')}
          </label>
          <ConditionEditor
            value={exit.condition}
            title={t('conditionBuilder.settings.onlyWhen')}
            testId={`condition-exit-${i}`}
            optional
            scope={exitFacts}
            onChange={(c) => setExit(i, withCondition(exit, c))}
          />
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setExit(i, null)} data-testid={`exit-${i}-remove`}>
            {t('conditionBuilder.settings.removeExit')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setSettings({ exitWhen: [...exitWhen, { eventType: 'order.paid', sameOrder: true }] })}
        data-testid="exit-add"
      >
        + {t('conditionBuilder.settings.addExit')}
      </button>

      <h3>{t('conditionBuilder.settings.goalTitle')}</h3>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={goal !== undefined}
          onChange={(e) => setSettings({ goal: e.target.checked ? { eventType: 'order.paid', within: 'P7D' } : undefined })}
          data-testid="goal-on"
        />
        {t('conditionBuilder.settings.goalOn')}
      </label>
      {goal && (
        <div className="exit-rule" data-testid="goal">
          <label>
            {t('conditionBuilder.settings.eventType')}
            <input value={goal.eventType} onChange={(e) => setSettings({ goal: { ...goal, eventType: e.target.value } })} data-testid="goal-event" />
          </label>
          <label>
            {t('conditionBuilder.settings.within')}
            <input
              className="mono"
              value={goal.within}
              placeholder="P7D"
              onChange={(e) => setSettings({ goal: { ...goal, within: e.target.value } })}
              data-testid="goal-within"
            />
          </label>
          <ConditionEditor
            value={goal.condition}
            title={t('conditionBuilder.settings.onlyWhen')}
            testId="condition-goal"
            optional
            scope={goalFacts}
            onChange={(c) => setSettings({ goal: withCondition(goal, c) })}
          />
        </div>
      )}
    </div>
  );
}
