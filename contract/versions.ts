import { z } from 'zod';
import { journeyStatusSchema } from '../engine/journey/schema';
import { idParams, journeyDocument } from './common';
import { endpoint } from './endpoint';

/** A published version number in a path: digits, at least 1. */
const versionNumber = z
  .string()
  .refine((raw) => /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) && Number(raw) >= 1, {
    error: (issue) => `must be a whole number of at least 1, not "${String(issue.input)}"`,
  })
  .transform(Number)
  .meta({ description: 'A whole number of at least 1' });

export const versionListSchema = z.object({
  journeyId: z.string(),
  draft: z.object({ status: journeyStatusSchema, version: z.number().int(), nodes: z.number().int() }),
  versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), nodes: z.number().int().meta({ description: 'Steps in that version' }) })),
});

export const listVersions = endpoint({
  method: 'GET',
  path: '/api/journeys/:id/versions',
  access: 'analyst',
  summary: 'A journey’s published versions, newest first',
  description: 'The published versions of a journey, newest first, with the number of steps of each; and the draft’s status, version and step count.',
  params: idParams,
  response: versionListSchema,
  answers: { 404: 'Unknown journey' },
});

export const getVersion = endpoint({
  method: 'GET',
  path: '/api/journeys/:id/versions/:version',
  access: 'analyst',
  summary: 'One published version',
  description: 'One published version: the frozen document as it runs (nodes stamped with typeVersion).',
  params: z.object({ id: z.string(), version: versionNumber }),
  invalid: 'invalid_request',
  response: z.object({ version: z.number().int(), publishedAt: z.string(), journey: journeyDocument }),
  answers: { 400: 'The version is not a whole number of at least 1', 404: 'Unknown journey, or no such version' },
});

export const versionEndpoints = [listVersions, getVersion] as const;
