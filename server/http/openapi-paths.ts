import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { errorBodySchema, type Endpoint, type OtherAnswer } from '../../contract/index';

/** `/api/journeys/:id` as OpenAPI writes it: `/api/journeys/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const whoMayCall = (entry: Endpoint): string =>
  entry.access === 'public'
    ? 'Public: no token needed.'
    : entry.access === 'admin'
      ? 'Needs an admin token.'
      : `Needs a token of the ${entry.access} role or above.`;

const json = (schema: z.ZodType, description: string, type = 'application/json') => ({ description, content: { [type]: { schema } } });

function responses(entry: Endpoint): ZodOpenApiResponsesObject {
  const answers: Record<string, ReturnType<typeof json>> = { [String(entry.status ?? 200)]: json(entry.response, entry.summary, entry.responseMediaType) };
  const checksInput = entry.params || entry.query || (entry.body && entry.bodyCheckedBy !== 'handler');
  if (checksInput)
    answers['400'] = json(errorBodySchema, `A field does not fit the contract${entry.invalid ? ` (error ${entry.invalid})` : ''}: each problem names it`);
  for (const [status, answer] of Object.entries(entry.answers ?? {})) {
    const { description, schema } = typeof answer === 'string' ? ({ description: answer } as OtherAnswer) : answer;
    answers[status] = json(schema ?? errorBodySchema, description);
  }
  if (entry.access !== 'public') {
    answers['401'] ??= json(errorBodySchema, 'No valid token');
    answers['403'] ??= json(errorBodySchema, 'The token’s role is below the endpoint’s');
  }
  return answers;
}

/** One endpoint's operation: its summary, who may call it (`x-role`, and no security when public), parameters, body and answers. */
function operation(entry: Endpoint): ZodOpenApiOperationObject {
  const media = entry.bodyMediaTypes ?? ['application/json'];
  return {
    summary: entry.summary,
    description: [entry.description, whoMayCall(entry)].filter(Boolean).join(' '),
    'x-role': entry.access,
    ...(entry.access === 'public' ? { security: [] } : {}),
    ...(entry.params || entry.query
      ? { requestParams: { ...(entry.params ? { path: entry.params } : {}), ...(entry.query ? { query: entry.query } : {}) } }
      : {}),
    ...(entry.body ? { requestBody: { content: Object.fromEntries(media.map((type) => [type, { schema: entry.body! }])) } } : {}),
    responses: responses(entry),
  };
}

/** The OpenAPI paths of the contract's endpoints. */
export function contractPaths(entries: readonly Endpoint[]): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const entry of entries) {
    const path = (paths[openApiPath(entry.path)] ??= {});
    Object.assign(path, { [entry.method.toLowerCase()]: operation(entry) });
  }
  return paths;
}
