import { higherTier, lifecycleStage, lifecycleStages, localDate, roundedQuotient, tierIds, toCents, type ShopSettings, type TierId } from '../../engine/index';
import type { Db } from '../db/database';
import { SettingsStore } from '../facts/settings-store';
import { DAY_MS, resolveAsOf, trendPoints } from './moments';
import { customerGroups, rfmSnapshot, trendRows } from './queries';
import { repurchaseWindows, type KpiQuery, type Kpis, type RepurchaseWindow, type TrendPointResult } from './types';

/** The yearly-rolling window of the KPI board: 365 days before the moment measured. */
export const ROLLING_DAYS = 365;

const windowOfStage: Record<string, RepurchaseWindow> = { active: 'within45', silent: 'd45to90', sleeping: 'd90to140', lost: 'over140' };

/**
 * The KPI board as of a moment (docs/kpis.md defines each figure). Stages and tiers come from the
 * engine's own functions applied to grouped SQL results, so they agree with the per-customer facts.
 */
export async function computeKpis(db: Db, query: KpiQuery, options: { settings?: ShopSettings; now?: number } = {}): Promise<Kpis> {
  // The shop's settings as the facts read them (defaults when none are stored).
  const settings = options.settings ?? (await new SettingsStore(db).shop());
  const now = options.now ?? Date.now();
  const tz = settings.timezone;
  const asOf = resolveAsOf(query.asOf, tz, now);
  const periodStart = asOf - query.periodDays * DAY_MS;
  // Stages and repurchase windows are always by the day windows (the KPI's windows are fixed
  // lengths to compare periods by, even when the shop's stages use the 3:3:3:1 ratio).
  const byWindows: ShopSettings = { ...settings, lifecycle: { ...settings.lifecycle, mode: 'windows' } };

  const points = trendPoints(asOf, tz).map((p) => ({ ...p, windowStart: p.at - ROLLING_DAYS * DAY_MS }));
  const [groups, trend, snapshot] = await Promise.all([
    customerGroups(db, { asOf, periodStart, asOfDate: localDate(new Date(asOf), tz), periodStartDate: localDate(new Date(periodStart), tz), settings }),
    trendRows(db, points, asOf),
    rfmSnapshot(db),
  ]);

  const stage = Object.fromEntries(lifecycleStages.map((s) => [s, 0])) as Kpis['distributions']['stage'];
  const tier = Object.fromEntries(tierIds.map((t) => [t, 0])) as Kpis['distributions']['tier'];
  const repurchaseCounts = Object.fromEntries(repurchaseWindows.map((w) => [w, { customers: 0, repurchased: 0 }])) as Kpis['repurchaseCounts'];
  for (const g of groups) {
    if (g.kind === 'stage') stage[lifecycleStage(g.recency, byWindows, null)] += g.customers;
    if (g.kind === 'none') stage.none += g.customers;
    if (g.kind === 'repurchase') {
      const counts = repurchaseCounts[windowOfStage[lifecycleStage(g.recency, byWindows, null)]!];
      counts.customers += g.customers;
      counts.repurchased += g.repurchased;
    }
    if (g.kind === 'tier') {
      // The stored tier is the highest ever reached; tiers never go down.
      const known = (t: string | null): t is TierId => t !== null && (tierIds as readonly string[]).includes(t);
      const earned: TierId = known(g.earned) ? g.earned : 'ordinary';
      const key = g.stored !== null && !known(g.stored) ? g.stored : higherTier(earned, known(g.stored) ? g.stored : null);
      tier[key] = (tier[key] ?? 0) + g.customers;
    }
  }
  const repurchaseRate = Object.fromEntries(
    repurchaseWindows.map((w) => [w, repurchaseCounts[w].customers === 0 ? null : repurchaseCounts[w].repurchased / repurchaseCounts[w].customers]),
  ) as Kpis['repurchaseRate'];

  const byIndex = new Map(trend.map((r) => [Number(r.i), r]));
  const trendResult: TrendPointResult[] = points.map((p, i) => {
    const row = byIndex.get(i);
    const buyers = row?.buyers ?? 0;
    const orders = row?.orders ?? 0;
    return {
      month: p.month,
      asOf: new Date(p.at).toISOString(),
      rollingCustomers: buyers,
      returningRatio: buyers === 0 ? null : row!.returning / buyers,
      // Exact cents, rounded half up, as the engine's aov and SQL's round(numeric).
      aov: orders === 0 ? null : roundedQuotient(toCents(Number(row!.spend)), orders) / 100,
      buyers: row?.month_buyers ?? 0,
    };
  });
  const headline = trendResult[trendResult.length - 1]!;

  return {
    asOf: new Date(asOf).toISOString(),
    asOfDate: localDate(new Date(asOf), tz),
    timezone: tz,
    rollingCustomers: headline.rollingCustomers,
    returningRatio: headline.returningRatio,
    repurchaseRate,
    repurchaseCounts,
    period: { days: query.periodDays, start: new Date(periodStart).toISOString() },
    windows: { activeDays: settings.lifecycle.activeDays, silentDays: settings.lifecycle.silentDays, sleepingDays: settings.lifecycle.sleepingDays },
    aov: headline.aov,
    distributions: { stage, tier, rfm: snapshot.segments, snapshotAsOf: snapshot.asOf },
    trend: trendResult,
  };
}
