import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpisResponse } from '../api/kpis';
import { Definition } from './Definition';
import type { Formatters } from './format';

const colours = { rolling: '#e8590c', buyers: '#0284c7', ratio: '#7c3aed', aov: '#059669' };

/** Three small line charts over the 12 month-end points: customers, returning ratio, AOV. */
export function TrendCharts({ k, f }: { k: KpisResponse; f: Formatters }) {
  const { t } = useTranslation();
  const data = k.trend.map((p) => ({ ...p, label: f.month(p.month) }));
  const axis = { tick: { fontSize: 11, fill: '#66707c' }, stroke: '#e2e5ea' };
  return (
    <section className="card" data-testid="kpi-trend">
      <h2>
        <Definition id="trend" name={t('kpi.trend')} text={t('kpi.defs.trend')} />
      </h2>
      <div className="chart-grid">
        <figure className="chart" data-testid="trend-customers">
          <figcaption>{t('kpi.trendCustomers')}</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="label" {...axis} />
              <YAxis allowDecimals={false} {...axis} />
              <Tooltip formatter={(v) => f.count(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line type="linear" dataKey="rollingCustomers" name={t('kpi.rollingLine')} stroke={colours.rolling} strokeWidth={2} dot={{ r: 2 }} />
              <Line type="linear" dataKey="buyers" name={t('kpi.buyersLine')} stroke={colours.buyers} strokeWidth={2} dot={{ r: 2 }} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" data-testid="trend-ratio">
          <figcaption>{t('kpi.trendRatio')}</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="label" {...axis} />
              <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} {...axis} />
              <Tooltip formatter={(v) => f.percent(v === null || v === undefined ? null : Number(v))} />
              <Line type="linear" dataKey="returningRatio" name={t('kpi.trendRatio')} stroke={colours.ratio} strokeWidth={2} dot={{ r: 2 }} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" data-testid="trend-aov">
          <figcaption>{t('kpi.trendAov')}</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="label" {...axis} />
              <YAxis {...axis} />
              <Tooltip formatter={(v) => f.money(v === null || v === undefined ? null : Number(v))} />
              <Line type="linear" dataKey="aov" name={t('kpi.trendAov')} stroke={colours.aov} strokeWidth={2} dot={{ r: 2 }} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      </div>
    </section>
  );
}
