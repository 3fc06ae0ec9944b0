import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { rfmSegmentLabels, type RfmSegment } from '../../../engine/facts/rfm';
import { currentLocale } from '../i18n';
import type { KpisResponse } from '../api/kpis';
import { Definition } from './Definition';
import type { Formatters } from './format';
import { windowParams } from './windows';

const stageColours: Record<string, string> = { active: '#059669', silent: '#d97706', sleeping: '#0284c7', lost: '#64748b', none: '#c5cbd3' };
const tierColours: Record<string, string> = { ordinary: '#94a3b8', senior: '#0284c7', vip: '#7c3aed', supreme: '#e8590c' };
const rfmOrder = Object.keys(rfmSegmentLabels) as RfmSegment[];

interface Row {
  key: string;
  label: string;
  count: number;
  colour: string;
}

function Bars({ rows, f, testId }: { rows: Row[]; f: Formatters; testId: string }) {
  const { t } = useTranslation();
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 34 + 20)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }} data-testid={testId}>
        <CartesianGrid stroke="#eef0f3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#66707c' }} stroke="#e2e5ea" />
        <YAxis type="category" dataKey="label" width={96} tick={{ fontSize: 12, fill: '#1f2328' }} stroke="#e2e5ea" />
        <Tooltip formatter={(v) => [f.count(Number(v)), t('kpi.customers')]} />
        <Bar dataKey="count" name={t('kpi.customers')} radius={[0, 4, 4, 0]} barSize={18}>
          {rows.map((r) => (
            <Cell key={r.key} fill={r.colour} />
          ))}
          <LabelList dataKey="count" position="right" style={{ fontSize: 12, fill: '#1f2328' }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Customers by lifecycle stage, member tier and RFM segment. */
export function DistributionCharts({ k, f }: { k: KpisResponse; f: Formatters }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const w = windowParams(k);
  const d = k.distributions;
  const stage = Object.entries(d.stage).map(([key, count]) => ({
    key,
    count,
    label: t(`kpi.stages.${key}`, { defaultValue: key }),
    colour: stageColours[key] ?? '#94a3b8',
  }));
  const tier = Object.entries(d.tier).map(([key, count]) => ({
    key,
    count,
    label: t(`kpi.tiers.${key}`, { defaultValue: key }),
    colour: tierColours[key] ?? '#94a3b8',
  }));
  const rfm = Object.entries(d.rfm)
    .sort(([a], [b]) => rfmOrder.indexOf(a as RfmSegment) - rfmOrder.indexOf(b as RfmSegment))
    .map(([key, count]) => ({ key, count, label: rfmSegmentLabels[key as RfmSegment]?.[locale] ?? key, colour: '#e8590c' }));
  return (
    <section className="card" data-testid="kpi-distributions">
      <h2>{t('kpi.distributions')}</h2>
      <div className="chart-grid">
        <figure className="chart" data-testid="dist-stage" data-counts={JSON.stringify(d.stage)}>
          <figcaption>
            <Definition id="stage" name={t('kpi.stage')} text={t('kpi.defs.stage', w)} />
          </figcaption>
          <Bars rows={stage} f={f} testId="dist-stage-chart" />
        </figure>
        <figure className="chart" data-testid="dist-tier" data-counts={JSON.stringify(d.tier)}>
          <figcaption>
            <Definition id="tier" name={t('kpi.tier')} text={t('kpi.defs.tier')} />
          </figcaption>
          <Bars rows={tier} f={f} testId="dist-tier-chart" />
        </figure>
        <figure className="chart" data-testid="dist-rfm" data-snapshot={d.snapshotAsOf ?? ''}>
          <figcaption>
            <Definition id="rfm" name={t('kpi.rfm')} text={t('kpi.defs.rfm')} />
          </figcaption>
          {d.snapshotAsOf === null ? (
            <p className="muted small chart-note" data-testid="rfm-none">
              {t('kpi.rfmNone')}
            </p>
          ) : (
            <>
              <Bars rows={rfm} f={f} testId="dist-rfm-chart" />
              <p className="muted small chart-note">{t('kpi.rfmSnapshot', { date: f.dateIn(d.snapshotAsOf, k.timezone) })}</p>
            </>
          )}
        </figure>
      </div>
    </section>
  );
}
