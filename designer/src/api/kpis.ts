import { request } from './http';

/** `GET /api/kpis` (docs/kpis.md defines each figure). */
export const repurchaseWindows = ['within45', 'd45to90', 'd90to140', 'over140'] as const;
export type RepurchaseWindow = (typeof repurchaseWindows)[number];

export interface KpiTrendPoint {
  month: string;
  asOf: string;
  rollingCustomers: number;
  returningRatio: number | null;
  aov: number | null;
  buyers: number;
}

export interface KpisResponse {
  asOf: string;
  asOfDate: string;
  timezone: string;
  rollingCustomers: number;
  returningRatio: number | null;
  repurchaseRate: Record<RepurchaseWindow, number | null>;
  repurchaseCounts: Record<RepurchaseWindow, { customers: number; repurchased: number }>;
  period: { days: number; start: string };
  windows: { activeDays: number; silentDays: number; sleepingDays: number };
  aov: number | null;
  distributions: {
    stage: Record<string, number>;
    tier: Record<string, number>;
    rfm: Record<string, number>;
    snapshotAsOf: string | null;
  };
  trend: KpiTrendPoint[];
}

export function fetchKpis(params: { asOf?: string | undefined; periodDays: number }): Promise<KpisResponse> {
  const q = new URLSearchParams({ periodDays: String(params.periodDays) });
  if (params.asOf) q.set('asOf', params.asOf);
  return request<KpisResponse>('GET', `/api/kpis?${q.toString()}`);
}
