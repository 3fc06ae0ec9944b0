import type { Journey } from '../../../engine/journey/schema';
import type { Locale } from '../../../engine/nodes/define';
import { request } from './http';
import type {
  FactsResponse,
  FromTemplateResponse,
  JourneyDetailResponse,
  JourneyListResponse,
  NodeTypesResponse,
  PublishResponse,
  SaveResponse,
  StatusResponse,
  TemplateListResponse,
} from './types';

const journeyPath = (id: string) => `/api/journeys/${encodeURIComponent(id)}`;

export const api = {
  nodeTypes: () => request<NodeTypesResponse>('GET', '/api/node-types'),
  facts: () => request<FactsResponse>('GET', '/api/facts'),
  listJourneys: () => request<JourneyListResponse>('GET', '/api/journeys'),
  getJourney: (id: string) => request<JourneyDetailResponse>('GET', journeyPath(id)),
  createJourney: (journey: Journey) => request<SaveResponse>('POST', '/api/journeys', journey),
  updateJourney: (journey: Journey) => request<SaveResponse>('PUT', journeyPath(journey.id), journey),
  publish: (id: string) => request<PublishResponse>('POST', `${journeyPath(id)}/publish`),
  pause: (id: string) => request<StatusResponse>('POST', `${journeyPath(id)}/pause`),
  resume: (id: string) => request<StatusResponse>('POST', `${journeyPath(id)}/resume`),
  templates: (locale: Locale) => request<TemplateListResponse>('GET', `/api/templates?locale=${encodeURIComponent(locale)}`),
  fromTemplate: (template: string, locale: Locale, eventDate?: string) =>
    request<FromTemplateResponse>('POST', '/api/journeys/from-template', { template, locale, ...(eventDate ? { eventDate } : {}) }),
};
