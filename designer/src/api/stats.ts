import type { Journey } from '../../../engine/journey/schema';
import { request } from './http';

/** One node's live figures, as `GET /api/journeys/:id/stats` answers (docs/api.md). */
export interface NodeStats {
  nodeId: string;
  entered: number;
  waiting: number;
  passed: number;
  sent: number;
  queued: number;
  failed: number;
  capped: number;
  skipped: number;
  converted: number;
  /** Actions refused (address guard, coupon campaign used up) and failed for good. */
  actionsRefused: number;
  actionsFailed: number;
}

export interface JourneyStatsResponse {
  journeyId: string;
  version: number | null;
  versions: number[];
  nodes: NodeStats[];
  asOf: string;
}

const base = (id: string) => `/api/journeys/${encodeURIComponent(id)}`;

export const statsApi = {
  get: (id: string, version: number | 'all') => request<JourneyStatsResponse>('GET', `${base(id)}/stats?version=${version}`),
  stop: (id: string) => request<{ journey: Journey; stopping: number }>('POST', `${base(id)}/stop`),
};
