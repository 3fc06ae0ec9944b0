import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { plainMessages, zodProblems } from '../../engine/index';
import { endpoints, type BodyOut, type Endpoint, type ParamsOut, type QueryOut, type ResponseOf } from '../../contract/index';
import { requestLocale } from './locale';
import { isApiPath } from './route-access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract entry the route was registered from (contract/); required under /api. */
    endpoint?: Endpoint;
  }
}

/** What a handler is given: the request checked against its contract entry. */
export interface EndpointInput<E extends Endpoint> {
  params: ParamsOut<E>;
  query: QueryOut<E>;
  /** Checked when the entry's body is checked by the route; else the body as it came. */
  body: E extends { bodyCheckedBy: 'handler' } ? unknown : BodyOut<E>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A handler answers with its entry's success body, or sends another answer itself and returns the reply. */
export type EndpointHandler<E extends Endpoint> = (input: EndpointInput<E>) => Promise<ResponseOf<E> | FastifyReply>;

/**
 * Registers the route of one contract entry: its method and path, who may call it (the entry's
 * access, read by the auth hook), its body limit, and the checks of its params, query and body —
 * a failure is a 400 `{ error: entry.invalid, message, problems }` naming each field in the
 * caller's language, before the handler runs. The handler's answer is sent with the entry's
 * success status.
 */
export function route<E extends Endpoint>(app: FastifyInstance, entry: E, handler: EndpointHandler<E>): void {
  app.route({
    method: entry.method,
    url: entry.path,
    config: { access: entry.access, endpoint: entry },
    ...(entry.bodyLimit ? { bodyLimit: entry.bodyLimit } : {}),
    handler: async (request, reply) => {
      const checked = check(entry, request);
      if (!checked.ok) {
        const message = checked.problems.map((p) => p.message).join('; ');
        return reply.code(400).send({ error: entry.invalid ?? 'invalid_request', message, problems: checked.problems });
      }
      const answer = await handler({ ...checked.input, request, reply } as EndpointInput<E>);
      if (answer === reply) return reply;
      return reply.code(entry.status ?? 200).send(answer);
    },
  });
}

type Checked = { ok: true; input: { params: unknown; query: unknown; body: unknown } } | { ok: false; problems: ReturnType<typeof zodProblems> };

/** The request's params, query and body parsed by the entry's schemas; problems name each field, params and query by name, body fields by path. */
function check(entry: Endpoint, request: FastifyRequest): Checked {
  const locale = requestLocale(request);
  const parse = (schema: z.ZodType | undefined, value: unknown) => (schema ? schema.safeParse(value, plainMessages) : { success: true as const, data: value });
  const params = parse(entry.params, request.params);
  const query = parse(entry.query, request.query);
  const bodyChecked = entry.bodyCheckedBy !== 'handler';
  const body = parse(bodyChecked ? entry.body : undefined, bodyChecked && entry.body ? (request.body ?? {}) : request.body);
  const problems = [params, query, body].flatMap((result) => (result.success ? [] : zodProblems(result.error, [], locale)));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, input: { params: params.data, query: query.data, body: body.data } };
}

/**
 * Makes start-up fail for a route under /api registered other than from a contract entry, and for
 * a contract entry no route was registered for: the contract, the routes and the OpenAPI document
 * generated from the contract list the same endpoints.
 */
export function requireContractEntries(app: FastifyInstance, entries: readonly Endpoint[] = endpoints): void {
  const registered = new Set<Endpoint>();
  app.addHook('onRoute', (options) => {
    const entry = options.config?.endpoint;
    const methods = [options.method].flat();
    if (entry) registered.add(entry);
    else if (isApiPath(options.url) && !methods.every((m) => m === 'HEAD')) {
      throw new Error(
        `${methods.join(',')} ${options.url}: no contract entry; declare the endpoint in contract/ and register it with route(app, entry, handler)`,
      );
    }
  });
  app.addHook('onReady', async () => {
    const missing = entries.filter((entry) => !registered.has(entry));
    if (missing.length > 0) throw new Error(`contract entries without a route: ${missing.map((e) => `${e.method} ${e.path}`).join(', ')}`);
  });
}
