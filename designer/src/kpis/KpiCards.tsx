import { useTranslation } from 'react-i18next';
import { repurchaseWindows, type KpisResponse } from '../api/kpis';
import { Definition } from './Definition';
import type { Formatters } from './format';
import { windowParams } from './windows';

/** The headline figures: rolling customers, returning ratio, AOV, repurchase by window. */
export function KpiCards({ k, f }: { k: KpisResponse; f: Formatters }) {
  const { t } = useTranslation();
  const w = windowParams(k);
  const returning = k.returningRatio === null ? 0 : Math.round(k.returningRatio * k.rollingCustomers);
  // The period's first local day: the start instant is the end of the day before.
  const periodFrom = new Date(Date.parse(`${k.asOfDate}T00:00:00Z`) - (k.period.days - 1) * 86_400_000).toISOString().slice(0, 10);
  return (
    <section className="kpi-cards">
      <article className="card kpi-card" data-testid="kpi-rolling">
        <h2>
          <Definition id="rollingCustomers" name={t('kpi.rollingCustomers')} text={t('kpi.defs.rollingCustomers')} />
        </h2>
        <div className="kpi-value" data-testid="kpi-rolling-value">
          {f.count(k.rollingCustomers)}
        </div>
        <div className="kpi-sub">{t('kpi.rollingCustomersSub', { date: f.date(k.asOfDate) })}</div>
      </article>
      <article className="card kpi-card" data-testid="kpi-returning">
        <h2>
          <Definition id="returningRatio" name={t('kpi.returningRatio')} text={t('kpi.defs.returningRatio')} />
        </h2>
        <div className="kpi-value" data-testid="kpi-returning-value">
          {f.percent(k.returningRatio)}
        </div>
        <div className="kpi-sub">{t('kpi.returningRatioSub', { count: returning, total: k.rollingCustomers })}</div>
      </article>
      <article className="card kpi-card" data-testid="kpi-aov">
        <h2>
          <Definition id="aov" name={t('kpi.aov')} text={t('kpi.defs.aov')} />
        </h2>
        <div className="kpi-value" data-testid="kpi-aov-value">
          {f.money(k.aov)}
        </div>
        <div className="kpi-sub">{t('kpi.aovSub')}</div>
      </article>
      <article className="card kpi-card kpi-repurchase" data-testid="kpi-repurchase">
        <h2>
          <Definition id="repurchase" name={t('kpi.repurchase')} text={t('kpi.defs.repurchase', w)} />
        </h2>
        <div className="kpi-sub">{t('kpi.repurchaseSub', { from: f.date(periodFrom), to: f.date(k.asOfDate), days: k.period.days })}</div>
        <dl className="repurchase-grid">
          {repurchaseWindows.map((win) => (
            <div key={win} className="repurchase-cell" data-testid={`kpi-repurchase-${win}`}>
              <dt>{t(`kpi.window.${win}`, w)}</dt>
              <dd className="kpi-value-small">{f.percent(k.repurchaseRate[win])}</dd>
              <dd className="kpi-sub">{t('kpi.repurchaseOf', k.repurchaseCounts[win])}</dd>
            </div>
          ))}
        </dl>
      </article>
    </section>
  );
}
