import type { z } from 'zod';
import { journeyStats, stopJourney, type nodeStatsSchema, type ResponseOf } from '../../../contract/index';
import { call } from './call';

/** One node's live figures, as `GET /api/journeys/:id/stats` answers (contract/stats.ts). */
export type NodeStats = z.infer<typeof nodeStatsSchema>;
export type JourneyStatsResponse = ResponseOf<typeof journeyStats>;

export const statsApi = {
  get: (id: string, version: number | 'all') => call(journeyStats, { params: { id }, query: { version: String(version) } }),
  stop: (id: string) => call(stopJourney, { params: { id } }),
};
