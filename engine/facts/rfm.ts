import type { RfmRanges } from './settings';

/** The four quintile boundaries (20th…80th percentiles, PostgreSQL's percentile_disc) of values. */
export function quintileBoundaries(values: number[]): [number, number, number, number] | null {
  return percentilesDisc(values, [0.2, 0.4, 0.6, 0.8]) as [number, number, number, number] | null;
}

/** percentile_disc: the first value whose cumulative share reaches p, over the sorted values. */
export function percentilesDisc(values: number[], ps: number[]): number[] | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
}

/** Score 1–5 where more is better (frequency, monetary): one point per threshold the value exceeds. */
export function scoreHigherBetter(value: number, thresholds: readonly number[]): number {
  return 1 + thresholds.filter((t) => value > t).length;
}

/** Score 1–5 where less is better (recency): five at or below the first threshold. */
export function scoreLowerBetter(value: number, thresholds: readonly number[]): number {
  return 5 - thresholds.filter((t) => value > t).length;
}

export const rfmSegments = ['champions', 'loyal', 'new', 'potential', 'at_risk', 'hibernating', 'needs_attention'] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/** A combined segment name from the three scores; the first rule that holds names it. */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f === 1) return 'new';
  if (r >= 4) return 'potential';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2) return 'hibernating';
  return 'needs_attention';
}

export const rfmSegmentLabels: Record<RfmSegment, { 'zh-CN': string; en: string }> = {
  champions: { 'zh-CN': '重要价值客户', en: 'Champions' },
  loyal: { 'zh-CN': '忠诚客户', en: 'Loyal' },
  new: { 'zh-CN': '新客户', en: 'New' },
  potential: { 'zh-CN': '潜力客户', en: 'Potential' },
  at_risk: { 'zh-CN': '重要挽留客户', en: 'At risk' },
  hibernating: { 'zh-CN': '沉睡客户', en: 'Hibernating' },
  needs_attention: { 'zh-CN': '一般客户', en: 'Needs attention' },
};

/** Boundaries a per-customer computation takes from the whole stock of customers. */
export interface FactPopulation {
  /** Quintile boundaries over buyers: recency over all with counted orders, F and M over those active in the window. */
  rfmQuintiles: RfmRanges | null;
  /** Recency at the 30th, 60th and 90th percentiles: the 3:3:3:1 split of the ratio mode. */
  lifecycleRatio: [number, number, number] | null;
}
