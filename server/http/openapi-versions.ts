import { z } from 'zod';

/** OpenAPI paths of a journey's version history (docs/api.md). */
export function versionPaths(journey: z.ZodType) {
  const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = z.object({ error: z.string(), message: z.string() });
  return {
    '/api/journeys/{id}/versions': {
      get: {
        description: 'The published versions of a journey, newest first, with the number of steps of each; and the draft’s status, version and step count.',
        requestParams: { path: z.object({ id: z.string() }) },
        responses: {
          200: json(
            z.object({
              journeyId: z.string(),
              draft: z.object({ status: z.string(), version: z.number().int(), nodes: z.number().int() }),
              versions: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), nodes: z.number().int().meta({ description: 'Steps in that version' }) })),
            }),
            'The version history',
          ),
          404: json(error, 'Unknown journey'),
        },
      },
    },
    '/api/journeys/{id}/versions/{version}': {
      get: {
        description: 'One published version: the frozen document as it runs (nodes stamped with typeVersion).',
        requestParams: { path: z.object({ id: z.string(), version: z.string().meta({ description: 'A whole number of at least 1' }) }) },
        responses: {
          200: json(z.object({ version: z.number().int(), publishedAt: z.string(), journey }), 'The version'),
          400: json(z.object({ error: z.literal('invalid_request'), message: z.string(), problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) }), 'The version is not a whole number of at least 1'),
          404: json(error, 'Unknown journey, or no such version'),
        },
      },
    },
  };
}
