import type { Journey, JourneyStatus } from '../../../engine/journey/schema';
import { request } from './http';

/** `GET /api/journeys/:id/versions` and `/versions/:version` (docs/api.md). */
export interface VersionListResponse {
  journeyId: string;
  draft: { status: JourneyStatus; version: number; nodes: number };
  versions: { version: number; publishedAt: string; nodes: number }[];
}

export interface VersionResponse {
  version: number;
  publishedAt: string;
  journey: Journey;
}

const base = (id: string) => `/api/journeys/${encodeURIComponent(id)}/versions`;

export const versionsApi = {
  list: (id: string) => request<VersionListResponse>('GET', base(id)),
  get: (id: string, version: number) => request<VersionResponse>('GET', `${base(id)}/${version}`),
};
