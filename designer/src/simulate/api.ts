import type { JourneySummary } from '../../../engine/analysis/summary';
import type { JourneyWarning } from '../../../engine/analysis/warnings';
import type { Journey } from '../../../engine/journey/schema';
import type { SimulationResult } from '../../../engine/simulate/simulate';
import { request } from '../api/http';
import type { SimulationRequest } from './request';

/** The calls the simulate panel and the publish dialog make (docs/api.md). */

export interface CustomerRow {
  id: string;
  name: string | null;
  stage: string;
  tier: string;
  tags: string[];
}

export interface CustomerDetail {
  customer: { id: string; name: string | null; timezone: string | null };
  facts: Record<string, unknown>;
}

export const simulateApi = {
  simulate: (body: SimulationRequest) => request<SimulationResult>('POST', '/api/simulate', body),
  analyze: (journey: Journey) => request<{ summary: JourneySummary; warnings: JourneyWarning[] }>('POST', '/api/journeys/analyze', journey),
  customers: (limit = 200) => request<{ customers: CustomerRow[]; nextCursor: string | null }>('GET', `/api/customers?limit=${limit}`),
  customer: (id: string) => request<CustomerDetail>('GET', `/api/customers/${encodeURIComponent(id)}`),
  /** Live figures per node, all versions: `waiting` sums to the customers inside now. */
  stats: (journeyId: string) => request<{ nodes: { nodeId: string; waiting: number }[] }>('GET', `/api/journeys/${encodeURIComponent(journeyId)}/stats`),
};
