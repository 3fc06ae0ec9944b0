import type { TFunction } from 'i18next';
import type { FactsExplanation, ScoreExplanation } from '../../../engine/facts/explain';
import { rfmSegmentLabels, type RfmSegment } from '../../../engine/facts/rfm';
import type { Locale } from '../../../engine/nodes/define';

const k = 'customersPage.explain';

/** The range of values that gives `score` (thresholds t1…t4 between scores): lower is better for recency. */
function band(t: TFunction, s: ScoreExplanation, lowerBetter: boolean, fmt: (v: number) => string): string {
  // Higher-better: score n covers (t[n-2], t[n-1]]; lower-better: score n covers (t[4-n], t[5-n]].
  const i = lowerBetter ? 5 - s.score : s.score - 1;
  const lo = i > 0 ? s.thresholds[i - 1] : undefined;
  const hi = i < 4 ? s.thresholds[i] : undefined;
  const range =
    lo === undefined
      ? t(`${k}.rangeUpTo`, { hi: fmt(hi!) })
      : hi === undefined
        ? t(`${k}.rangeOver`, { lo: fmt(lo) })
        : t(`${k}.rangeBetween`, { lo: fmt(lo), hi: fmt(hi) });
  return t(`${k}.band`, { score: s.score, range });
}

/**
 * The explanation's lines in the reader's language: "R 3: last purchase 42 days ago — score 3 is
 * over 30 up to 60; boundaries: …". The server gives the numbers and which rule applied.
 */
export function explanationLines(t: TFunction, e: FactsExplanation, locale: Locale, segment: string | null): { key: string; text: string }[] {
  const money = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 2 });
  const lines: { key: string; text: string }[] = [];
  if (e.rfm) {
    const { r, f, m, windowDays: window } = e.rfm;
    const source = (list: number[], fmt: (v: number) => string) => {
      const tt = list.map(fmt).join(' | ');
      if (e.rfm!.mode === 'quintiles') return t(`${k}.quintiles`, { t: tt });
      return e.rfm!.category ? t(`${k}.rangesCategory`, { category: e.rfm!.category, t: tt }) : t(`${k}.ranges`, { t: tt });
    };
    const days = (v: number) => String(v);
    lines.push({ key: 'r', text: `${t(`${k}.r`, { score: r.score, value: r.value })} — ${band(t, r, true, days)}; ${source(r.thresholds, days)}` });
    lines.push({ key: 'f', text: `${t(`${k}.f`, { score: f.score, value: f.value, window })} — ${band(t, f, false, days)}; ${source(f.thresholds, days)}` });
    lines.push({
      key: 'm',
      text: `${t(`${k}.m`, { score: m.score, value: money(m.value), window })} — ${band(t, m, false, money)}; ${source(m.thresholds, money)}`,
    });
    if (segment) lines.push({ key: 'segment', text: t(`${k}.segment`, { segment: rfmSegmentLabels[segment as RfmSegment]?.[locale] ?? segment }) });
  } else {
    lines.push({ key: 'rfm', text: t(`${k}.noRfm`) });
  }
  const stage = t(`kpi.stages.${e.stage.stage}`);
  const [a, s, z] = e.stage.bounds;
  lines.push({
    key: 'stage',
    text: `${e.stage.recencyDays === null ? t(`${k}.stageNone`, { stage }) : t(`${k}.stage`, { stage, days: e.stage.recencyDays })} — ${t(
      e.stage.mode === 'ratio' ? `${k}.stageRatio` : `${k}.stageWindows`,
      { a, s, z },
    )}`,
  });
  const tier = e.tier;
  const parts = [t(`${k}.tier`, { tier: t(`kpi.tiers.${tier.tier}`), spend: money(tier.totalSpend), orders: tier.orderCount })];
  if (tier.rule) parts.push(t(`${k}.tierRule`, { minSpend: money(tier.rule.minSpend), minOrders: tier.rule.minOrders }));
  if (tier.earned !== tier.tier) parts.push(t(`${k}.tierKept`, { earned: t(`kpi.tiers.${tier.earned}`) }));
  parts.push(
    tier.next
      ? t(`${k}.tierNext`, { next: t(`kpi.tiers.${tier.next.id}`), minSpend: money(tier.next.minSpend), minOrders: tier.next.minOrders })
      : t(`${k}.tierTop`),
  );
  lines.push({ key: 'tier', text: parts.join('; ') });
  return lines;
}
