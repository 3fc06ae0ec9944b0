import type { z } from 'zod';
import type { lifecycleStages, tierIds } from '../../engine/index';
// The query and answer of `GET /api/kpis` are the wire contract's (contract/kpis.ts).
import type { kpiQuerySchema, repurchaseWindows } from '../../contract/kpis';

export { kpiQuerySchema, kpisResponseSchema, repurchaseWindows } from '../../contract/kpis';
export type KpiQuery = z.infer<typeof kpiQuerySchema>;
export type RepurchaseWindow = (typeof repurchaseWindows)[number];

export interface TrendPointResult {
  /** Local calendar month, `YYYY-MM`. */
  month: string;
  /** The moment measured: the month's end, or asOf in asOf's own month. */
  asOf: string;
  rollingCustomers: number;
  returningRatio: number | null;
  aov: number | null;
  /** Customers with a counted order in the month (up to the point's moment). */
  buyers: number;
}

export interface Kpis {
  asOf: string;
  /** asOf's calendar date in the shop's time zone. */
  asOfDate: string;
  timezone: string;
  rollingCustomers: number;
  returningRatio: number | null;
  /** Per lifecycle window at the start of the period: the share who bought in the period (null: nobody in the window). */
  repurchaseRate: Record<RepurchaseWindow, number | null>;
  /** The counts behind each rate. */
  repurchaseCounts: Record<RepurchaseWindow, { customers: number; repurchased: number }>;
  period: { days: number; start: string };
  /** The shop's lifecycle windows in days, the boundaries of the repurchase windows and stages. */
  windows: { activeDays: number; silentDays: number; sleepingDays: number };
  aov: number | null;
  distributions: {
    stage: Record<(typeof lifecycleStages)[number], number>;
    tier: Record<(typeof tierIds)[number], number> & Record<string, number>;
    rfm: Record<string, number>;
    /** When the customer_facts snapshot the RFM segments come from was computed; null when there is none. */
    snapshotAsOf: string | null;
  };
  trend: TrendPointResult[];
}
