import type { z } from 'zod';
import type { Problem } from '../../../engine/journey/problems';
import type {
  createFromTemplate,
  ErrorBody as ContractErrorBody,
  facts,
  getJourney,
  journeyRowSchema,
  listJourneys,
  listTemplates,
  nodeTypes,
  pauseJourney,
  publishJourney,
  ResponseOf,
  savedJourneySchema,
  templateSummarySchema,
} from '../../../contract/index';

/** Response bodies of the HTTP API, as the wire contract (contract/) declares them. */

export type JourneySummary = z.infer<typeof journeyRowSchema>;
export type NodeTypesResponse = ResponseOf<typeof nodeTypes>;
export type FactsResponse = ResponseOf<typeof facts>;
export type JourneyListResponse = ResponseOf<typeof listJourneys>;
export type JourneyDetailResponse = ResponseOf<typeof getJourney>;
export type SaveResponse = z.infer<typeof savedJourneySchema>;
export type PublishResponse = ResponseOf<typeof publishJourney>;
export type StatusResponse = ResponseOf<typeof pauseJourney>;
/** A shipped journey template as `GET /api/templates` lists it, in the asked language. */
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
export type TemplateListResponse = ResponseOf<typeof listTemplates>;
export type FromTemplateResponse = ResponseOf<typeof createFromTemplate>;
/**
 * Error bodies (contract/errors.ts): `{ error, message }`, plus `problems` where fields are at
 * fault. The designer shows problems on the journey it sent, whose problems carry the engine's
 * codes (engine/journey/problems.ts), so it reads them as such.
 */
export type ErrorBody = Partial<Omit<ContractErrorBody, 'problems'>> & { problems?: Problem[] };
