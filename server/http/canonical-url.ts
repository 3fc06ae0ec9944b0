import type { IncomingMessage } from 'node:http';

/**
 * The one spelling of a request path that routing and authorisation both see. A path can be
 * written many ways — `/%61pi/journeys`, `/api//journeys/`, `/API/x/../journeys;v=1#top` — and
 * every layer in front of us (a proxy, a load balancer, the router) may read them differently.
 * Rewriting each request to one spelling before routing makes every spelling of a route reach that
 * route and get its answer; authorisation is decided on the matched route, never on this text.
 *
 * What is changed, in this order:
 * - a `#fragment` is dropped (clients never send one; if one comes, it is not part of the path);
 * - percent-encoded unreserved characters (letters, digits, `-._~`) are decoded (RFC 3986 6.2.2.2);
 * - each segment's `;parameters` are dropped (RFC 3986 3.3); a `;` in an id is sent as `%3B`;
 * - empty segments (`//`, a trailing `/`) and `.` segments are removed, and `..` removes the
 *   segment before it (RFC 3986 5.2.4; never above the root);
 * - `%2F` is read as a `/` when the path so read names a route; otherwise it stays inside its
 *   segment, so an id that holds a `/` (a customer id, a tag) can still be sent as `%2F`.
 * Letter case is left to the router, which matches paths without regard to case but keeps the case
 * of ids (`caseSensitive: false`). The query string is kept as it came.
 */
export function canonicalUrl(url: string, namesRoute: (path: string) => boolean): string {
  const withoutFragment = url.split('#', 1)[0]!;
  const queryAt = withoutFragment.indexOf('?');
  const rawPath = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : withoutFragment.slice(queryAt);
  const decoded = rawPath.replace(/%([0-9A-Fa-f]{2})/g, decodeUnreserved);
  const kept = normalisedPath(decoded);
  if (!decoded.includes('%2F')) return kept + query;
  const slashesRead = normalisedPath(decoded.replaceAll('%2F', '/'));
  return (namesRoute(slashesRead) ? slashesRead : kept) + query;
}

const unreserved = /^[A-Za-z0-9\-._~]$/;

/** `%61` → `a`; any other escape stays, its hex digits upper-cased (RFC 3986 6.2.2.1). */
function decodeUnreserved(_escape: string, hex: string): string {
  const char = String.fromCharCode(parseInt(hex, 16));
  return unreserved.test(char) ? char : `%${hex.toUpperCase()}`;
}

function normalisedPath(path: string): string {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    const segment = raw.split(';', 1)[0]!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * Fastify options that route every request by its canonical spelling: the rewrite above, and
 * paths matched without regard to case (ids keep theirs: find-my-way lower-cases only the static
 * parts). `routes` tells the rewrite which paths name a route.
 */
export const canonicalRouting = (routes: { names(method: string, path: string): boolean }) => ({
  routerOptions: { caseSensitive: false },
  rewriteUrl: (request: IncomingMessage) => canonicalUrl(request.url ?? '/', (path) => routes.names(request.method ?? 'GET', path)),
});
