import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rfmSegmentLabels, type RfmSegment } from '../../../engine/facts/rfm';
import { lifecycleStages, tierIds } from '../../../engine/facts/settings';
import { currentLocale } from '../i18n';
import { given, type FilterKey, type Filters } from './filters';

type LastMode = 'any' | 'within' | 'over' | 'between';
const lastModeOf = (f: Filters): LastMode => (f.lastWithinDays ? 'within' : f.lastOverDays ? 'over' : f.lastFrom || f.lastTo ? 'between' : 'any');

/** The list's filters: edited here, applied together (the count and the first page follow). */
export function FilterBar({ value, onApply }: { value: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [draft, setDraft] = useState<Filters>(value);
  const [lastMode, setLastMode] = useState<LastMode>(lastModeOf(value));
  const set = (key: FilterKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const text = (key: FilterKey, type: 'text' | 'number' | 'date' = 'number', placeholder?: string) => (
    <input
      type={type}
      min={type === 'number' ? 0 : undefined}
      value={draft[key] ?? ''}
      placeholder={placeholder}
      onChange={set(key)}
      data-testid={`filter-${key}`}
      aria-label={key}
    />
  );
  const choice = (key: FilterKey, options: readonly string[], label: (o: string) => string) => (
    <select value={draft[key] ?? ''} onChange={set(key)} data-testid={`filter-${key}`}>
      <option value="">{t('customersPage.filters.any')}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
  const apply = () => {
    const lastKeys: Record<LastMode, string[]> = { within: ['lastWithinDays'], over: ['lastOverDays'], between: ['lastFrom', 'lastTo'], any: [] };
    const kept = Object.fromEntries(
      Object.entries(draft).filter(([k]) => !['lastWithinDays', 'lastOverDays', 'lastFrom', 'lastTo'].includes(k) || lastKeys[lastMode].includes(k)),
    );
    onApply(given(kept as Filters));
  };
  const clear = () => {
    setDraft({});
    setLastMode('any');
    onApply({});
  };
  return (
    <form
      className="customer-filters"
      data-testid="customer-filters"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label>
        {t('customersPage.filters.stage')} {choice('stage', lifecycleStages, (s) => t(`kpi.stages.${s}`))}
      </label>
      <label>
        {t('customersPage.filters.tier')} {choice('tier', tierIds, (s) => t(`kpi.tiers.${s}`))}
      </label>
      <label>
        {t('customersPage.filters.rfm')} {choice('rfm', Object.keys(rfmSegmentLabels), (s) => rfmSegmentLabels[s as RfmSegment][locale])}
      </label>
      <label>
        {t('customersPage.filters.tag')} {text('tag', 'text')}
      </label>
      <label>
        {t('customersPage.filters.region')} {text('region', 'text')}
      </label>
      <label>
        {t('customersPage.filters.spend')} {text('spendMin', 'number', t('customersPage.filters.spendMin'))}–
        {text('spendMax', 'number', t('customersPage.filters.spendMax'))}
      </label>
      <label>
        {t('customersPage.filters.orders')} {text('ordersMin', 'number', t('customersPage.filters.spendMin'))}–
        {text('ordersMax', 'number', t('customersPage.filters.spendMax'))}
      </label>
      <label>
        {t('customersPage.filters.last')}{' '}
        <select value={lastMode} onChange={(e) => setLastMode(e.target.value as LastMode)} data-testid="filter-last-mode">
          <option value="any">{t('customersPage.filters.lastAny')}</option>
          <option value="within">{t('customersPage.filters.lastWithin')}</option>
          <option value="over">{t('customersPage.filters.lastOver')}</option>
          <option value="between">{t('customersPage.filters.lastBetween')}</option>
        </select>
        {lastMode === 'within' && text('lastWithinDays', 'number', t('customersPage.filters.days'))}
        {lastMode === 'over' && text('lastOverDays', 'number', t('customersPage.filters.days'))}
        {lastMode === 'between' && (
          <>
            {text('lastFrom', 'date')}–{text('lastTo', 'date')}
          </>
        )}
      </label>
      <label>
        {t('customersPage.filters.hasPhone')}{' '}
        {choice('hasPhone', ['true', 'false'], (v) => t(v === 'true' ? 'customersPage.filters.yes' : 'customersPage.filters.no'))}
      </label>
      <label>
        {t('customersPage.filters.hasEmail')}{' '}
        {choice('hasEmail', ['true', 'false'], (v) => t(v === 'true' ? 'customersPage.filters.yes' : 'customersPage.filters.no'))}
      </label>
      <label>
        {t('customersPage.filters.unsubscribed')} {choice('unsubscribed', ['sms', 'email'], (v) => t(`customersPage.filters.unsubscribedOn.${v}`))}
      </label>
      <button type="submit" data-testid="filter-apply">
        {t('customersPage.filters.apply')}
      </button>
      <button type="button" onClick={clear}>
        {t('customersPage.filters.clear')}
      </button>
    </form>
  );
}
