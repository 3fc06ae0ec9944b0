import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { formatPath, MAX_JSON_DEPTH, nulCharacterAt, nulCharacterMessage, tooDeepAt, tooDeepMessage, type Locale } from '../../engine/index';
import { requestLocale } from './locale';

/**
 * What one request may bring. Bodies are read whole before a handler runs, so their size is the
 * memory a request can take; nesting is what recursive code (validation, rules) can be made to
 * recurse on. CSV imports are streamed record by record and bounded per record instead
 * (server/customers/import/csv-import.ts, MAX_RECORD_CHARS).
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const MAX_QUERY_CHARS = 2048;
export const MAX_QUERY_PARAMS = 32;

/** One thing wrong with the request as a whole, shaped like a document problem. */
interface RequestProblem {
  path: string;
  code: string;
  message: string;
}

/** A request refused before its handler: a 4xx naming where (`body`, `query`, or a path inside the body). */
export class RequestLimitError extends Error {
  readonly statusCode: number;
  constructor(
    statusCode: number,
    readonly error: string,
    readonly problems: RequestProblem[],
  ) {
    super(problems.map((p) => p.message).join('; '));
    this.statusCode = statusCode;
  }
}

/** Per-route body limits (an endpoint that takes more says so in its contract entry: `bodyLimit`), a JSON parser that refuses deep nesting, and bounded query strings. */
export function registerLimits(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= DEFAULT_BODY_LIMIT;
  });

  // Fastify's own parser (it refuses __proto__ and constructor.prototype keys), then the depth
  // check: JSON.parse itself does not recurse, so measuring after parsing is safe and cheap.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const deep = tooDeepAt(value, MAX_JSON_DEPTH);
      if (deep) {
        const path = formatPath(deep);
        return done(
          new RequestLimitError(400, 'too_deep', [{ path: path || 'body', code: 'too_deep', message: tooDeepMessage(requestLocale(request), path) }]),
          undefined,
        );
      }
      // JSON can only carry U+0000 escaped: most bodies skip the walk.
      const nul = text.includes('\\u0000') ? nulCharacterAt(value) : undefined;
      if (nul) {
        const path = formatPath(nul);
        return done(
          new RequestLimitError(400, 'nul_character', [
            { path: path || 'body', code: 'nul_character', message: nulCharacterMessage(requestLocale(request), path) },
          ]),
          undefined,
        );
      }
      done(null, value);
    });
  });

  // Before the routes' schemas walk the query (the router has split it, in linear time; Node's
  // header limit bounds the URL at 16 KB, this bounds what the routes are given).
  app.addHook('onRequest', async (request) => {
    const locale = requestLocale(request);
    // `%00` in a path or query parameter would reach the database the same way as in a body.
    if (request.url.includes('%00')) {
      const nul = nulCharacterAt({ params: request.params, query: request.query });
      if (nul)
        throw new RequestLimitError(400, 'nul_character', [
          { path: formatPath(nul), code: 'nul_character', message: nulCharacterMessage(locale, formatPath(nul)) },
        ]);
    }
    const at = request.url.indexOf('?');
    if (at < 0) return;
    const query = request.url.slice(at + 1);
    if (query.length > MAX_QUERY_CHARS)
      throw new RequestLimitError(400, 'query_too_large', [{ path: 'query', code: 'too_long', message: queryMessage(locale, 'chars') }]);
    if (query.split('&').length > MAX_QUERY_PARAMS)
      throw new RequestLimitError(400, 'query_too_large', [{ path: 'query', code: 'too_many', message: queryMessage(locale, 'params') }]);
  });
}

/** The body of a 4xx answer: what was wrong and where, in the caller's language where we wrote it. */
export function clientErrorBody(
  error: Error & Partial<Pick<FastifyError, 'code'>>,
  request: FastifyRequest,
): { error: string; message: string; problems: RequestProblem[] } {
  if (error instanceof RequestLimitError) return { error: error.error, message: error.message, problems: error.problems };
  const locale = requestLocale(request);
  const problem = (path: string, code: string, message: string) => ({ error: code, message, problems: [{ path, code, message }] });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
      const size = `${Math.round(limit / 1024)} KB`;
      return problem(
        'body',
        'body_too_large',
        locale === 'zh-CN' ? `body：请求体超过此接口接受的 ${size}` : `body: larger than the ${size} this endpoint accepts`,
      );
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('content-type', 'unsupported_media_type', `content-type: ${error.message}`);
    default:
      // Fastify's other refusals are about the body as a whole: empty, not JSON, a bad length.
      return problem(error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError ? 'body' : 'request', 'bad_request', error.message);
  }
}

function queryMessage(locale: Locale, what: 'chars' | 'params'): string {
  if (what === 'chars') return locale === 'zh-CN' ? `query：查询字符串超过 ${MAX_QUERY_CHARS} 个字符` : `query: longer than ${MAX_QUERY_CHARS} characters`;
  return locale === 'zh-CN' ? `query：查询参数超过 ${MAX_QUERY_PARAMS} 个` : `query: more than ${MAX_QUERY_PARAMS} parameters`;
}
