import './kpis.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hashParams, replaceHashParams } from '../nav/route';
import { DistributionCharts } from './DistributionCharts';
import { formatters } from './format';
import { KpiCards } from './KpiCards';
import { TrendCharts } from './TrendCharts';
import { useKpis } from './useKpis';

const periods = [30, 60, 90];

/** Reads `#/kpis?asOf=YYYY-MM-DD&periodDays=N`, so a reload or a shared address shows the same board. */
function initialParams(): { asOf: string | undefined; periodDays: number } {
  const p = hashParams();
  const asOf = p.get('asOf') ?? undefined;
  const days = Number(p.get('periodDays'));
  return { asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined, periodDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : 30 };
}

/** The KPI board (`#/kpis`): headline figures, 12-month trend, customers by layer. */
export default function KpiPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useState(initialParams);
  const { state, reload } = useKpis(params.asOf, params.periodDays);
  const f = useMemo(() => formatters(i18n.language), [i18n.language]);
  const k = state.data;

  const choose = (next: Partial<typeof params>) => {
    const merged = { ...params, ...next };
    setParams(merged);
    replaceHashParams('kpis', { asOf: merged.asOf, periodDays: merged.periodDays === 30 ? undefined : String(merged.periodDays) });
  };

  const empty = k !== null && k.rollingCustomers === 0 && Object.entries(k.distributions.stage).every(([stage, n]) => stage === 'none' || n === 0);

  return (
    <main className="kpi-page" data-testid="kpi-page" data-state={state.status}>
      <div className="kpi-head">
        <h1>{t('kpi.title')}</h1>
        <label className="field">
          <span>{t('kpi.asOf')}</span>
          <input
            type="date"
            value={params.asOf ?? k?.asOfDate ?? ''}
            max="9999-12-31"
            onChange={(e) => choose({ asOf: e.target.value || undefined })}
            data-testid="kpi-asof"
          />
        </label>
        <button type="button" className="btn" disabled={params.asOf === undefined} onClick={() => choose({ asOf: undefined })} data-testid="kpi-today">
          {t('kpi.today')}
        </button>
        <label className="field">
          <span>{t('kpi.period')}</span>
          <select value={params.periodDays} onChange={(e) => choose({ periodDays: Number(e.target.value) })} data-testid="kpi-period">
            {[...new Set([...periods, params.periodDays])]
              .sort((a, b) => a - b)
              .map((d) => (
                <option key={d} value={d}>
                  {t('kpi.periodDays', { days: d })}
                </option>
              ))}
          </select>
        </label>
        {k && <p className="muted small kpi-tz">{t('kpi.asOfHelp', { timezone: k.timezone })}</p>}
        {state.status === 'loading' && k && (
          <span className="muted small" role="status">
            {t('kpi.loading')}
          </span>
        )}
      </div>

      {state.status === 'error' && (
        <div className="notice notice-error kpi-error" role="alert" data-testid="kpi-error">
          <span>{t('kpi.failed', { message: state.message })}</span>
          <button type="button" className="btn btn-small" onClick={reload}>
            {t('kpi.retry')}
          </button>
        </div>
      )}
      {state.status === 'loading' && !k && (
        <p className="muted page-message" role="status" data-testid="kpi-loading">
          {t('kpi.loading')}
        </p>
      )}
      {k && empty && (
        <p className="notice kpi-empty" data-testid="kpi-empty">
          {t('kpi.empty', { date: f.date(k.asOfDate) })} <a href="#/data">{t('kpi.emptyLink')}</a>
        </p>
      )}
      {k && (
        <div className={`kpi-body ${state.status === 'loading' ? 'is-stale' : ''}`}>
          <KpiCards k={k} f={f} />
          <TrendCharts k={k} f={f} />
          <DistributionCharts k={k} f={f} />
        </div>
      )}
    </main>
  );
}
