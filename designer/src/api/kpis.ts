import type { z } from 'zod';
import { getKpis, repurchaseWindows, type kpiTrendPointSchema, type ResponseOf } from '../../../contract/index';
import { call } from './call';

/** `GET /api/kpis` (docs/kpis.md defines each figure; contract/kpis.ts its shape). */
export { repurchaseWindows };
export type RepurchaseWindow = (typeof repurchaseWindows)[number];
export type KpiTrendPoint = z.infer<typeof kpiTrendPointSchema>;
export type KpisResponse = ResponseOf<typeof getKpis>;

export function fetchKpis(params: { asOf?: string | undefined; periodDays: number }): Promise<KpisResponse> {
  return call(getKpis, { query: { periodDays: params.periodDays, ...(params.asOf ? { asOf: params.asOf } : {}) } });
}
