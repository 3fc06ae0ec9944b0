import { z } from 'zod';
import { journeyStatusSchema } from '../engine/journey/schema';
import { idParams, journeyDocument } from './common';
import { endpoint } from './endpoint';
import { problemSchema } from './errors';

/** A journey as the list shows it. */
export const journeyRowSchema = z
  .object({ id: z.string(), name: z.string(), status: journeyStatusSchema, version: z.number(), updatedAt: z.string() })
  .meta({ id: 'JourneyRow' });

/** A saved draft, with the problems it still has (a draft may be incomplete). */
export const savedJourneySchema = z.object({ journey: journeyDocument, problems: z.array(problemSchema) });

export const listJourneys = endpoint({
  method: 'GET',
  path: '/api/journeys',
  access: 'analyst',
  summary: 'Journeys',
  response: z.object({ journeys: z.array(journeyRowSchema) }),
});

export const createJourney = endpoint({
  method: 'POST',
  path: '/api/journeys',
  access: 'marketer',
  summary: 'Saved as a draft',
  body: journeyDocument,
  invalid: 'invalid_journey',
  status: 201,
  response: savedJourneySchema,
  answers: { 409: 'The id exists' },
});

export const getJourney = endpoint({
  method: 'GET',
  path: '/api/journeys/:id',
  access: 'analyst',
  summary: 'The draft and its versions',
  params: idParams,
  response: z.object({ journey: journeyDocument, versions: z.array(z.object({ version: z.number(), publishedAt: z.string() })) }),
  answers: { 404: 'Unknown id' },
});

export const updateJourney = endpoint({
  method: 'PUT',
  path: '/api/journeys/:id',
  access: 'marketer',
  summary: 'Saved',
  params: idParams,
  body: journeyDocument,
  invalid: 'invalid_journey',
  response: savedJourneySchema,
  answers: { 404: 'Unknown id' },
});

export const validateJourneyEndpoint = endpoint({
  method: 'POST',
  path: '/api/journeys/validate',
  access: 'marketer',
  summary: 'Every problem, with its path',
  body: journeyDocument,
  // Any document is answered with its problems, so the designer can show them: nothing is refused.
  bodyCheckedBy: 'handler',
  response: z.object({ ok: z.boolean(), problems: z.array(problemSchema) }),
});

export const journeyEndpoints = [listJourneys, createJourney, getJourney, updateJourney, validateJourneyEndpoint] as const;
