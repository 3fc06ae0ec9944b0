import type { ChannelDefinition } from '../../../engine/channels/define';
import type { FactDefinition } from '../../../engine/facts/catalog';
import type { Problem } from '../../../engine/journey/problems';
import type { Journey, JourneyStatus } from '../../../engine/journey/schema';
import type { NodeTypeDescription } from '../../../engine/nodes/registry';

/** Response bodies of the HTTP API (docs/api.md); the types come from the engine they describe. */

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  version: number;
  updatedAt: string;
}

export interface NodeTypesResponse {
  nodeTypes: NodeTypeDescription[];
  /** Every channel, built-in or a plugin's, in their order. */
  channels: ChannelDefinition[];
}

export interface FactsResponse {
  facts: FactDefinition[];
  operators: string[];
}

export interface JourneyListResponse {
  journeys: JourneySummary[];
}

export interface JourneyDetailResponse {
  journey: Journey;
  versions: { version: number; publishedAt: string }[];
}

export interface SaveResponse {
  journey: Journey;
  problems: Problem[];
}

export interface PublishResponse {
  journey: Journey;
  version: number;
}

export interface StatusResponse {
  journey: Journey;
}

/** A shipped journey template as `GET /api/templates` lists it, in the asked language. */
export interface TemplateSummary {
  id: string;
  category: string;
  name: string;
  description: string;
  channels: string[];
  /** A template built around one day (Double 11): the day used by default, YYYY-MM-DD; else null. */
  eventDate: string | null;
  preview: { nodes: { id: string; type: string }[]; edges: { from: string; port: string; to: string }[]; positions: Record<string, { x: number; y: number }> };
}

export interface TemplateListResponse {
  templates: TemplateSummary[];
}

export interface FromTemplateResponse {
  journey: Journey;
  problems: Problem[];
  campaignsCreated: string[];
}

/** Error bodies: `{ error, message }`, plus `problems` for `invalid_journey`. */
export interface ErrorBody {
  error?: string;
  message?: string;
  problems?: Problem[];
}
