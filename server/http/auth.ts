import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { installationHolder, type Role, type TokenHolder } from './api-tokens';
import { isApiPath, requireDeclaredAccess, roleReaches, type Access, type RouteTable } from './route-access';

/**
 * The API token: `HUITOU_API_TOKEN` if set, else the one stored in the data folder, else a new one
 * generated and stored there (readable by the owner only) on first start.
 */
export function loadOrCreateToken(file: string, fromEnv = process.env.HUITOU_API_TOKEN): { token: string; generated: boolean } {
  if (fromEnv) return { token: fromEnv, generated: false };
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), generated: false };
  const token = `ht_${randomBytes(24).toString('base64url')}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's role, resolved from their token by the auth hook (absent on public routes). */
    role: Role;
    /** Who the caller is (their token's name and role), for change logs; absent on public routes. */
    actor: TokenHolder;
  }
}

/** Looks up who holds a token made through the API (the configured token is always admin). */
export interface TokenRoles {
  holderOf(token: string): Promise<TokenHolder | undefined>;
}

/** Who holds the bearer token presented, if it is a valid one. */
async function holderOfBearer(header: string | undefined, expected: Buffer, tokens: TokenRoles | undefined): Promise<TokenHolder | undefined> {
  const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const given = Buffer.from(presented);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return installationHolder;
  if (presented && tokens) return tokens.holderOf(presented);
  return undefined;
}

/**
 * Who may get the answer: what the route Fastify matched declares. An unmatched path under /api
 * needs a valid token of any role, so that no unknown spelling tells an anonymous caller more than
 * a 401; any other unmatched path gets the designer's page (public, it holds no data). A route
 * that somehow declares nothing is admin-only.
 */
function neededAccess(request: FastifyRequest): Access {
  if (request.is404) return isApiPath(request.url) ? 'analyst' : 'public';
  return request.routeOptions.config.access ?? 'admin';
}

/**
 * The onRequest hook, run after routing: the matched route's declared access decides. Every route
 * but the public ones needs a bearer token — the configured one (role admin, compared in constant
 * time) or a live token made through /api/tokens (else 401) — whose role reaches the route's
 * (else 403). The role is put on the request for the routes.
 */
export function bearerAuth(token: string, tokens?: TokenRoles) {
  const expected = Buffer.from(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const needed = neededAccess(request);
    if (needed === 'public') return;
    const holder = await holderOfBearer(request.headers.authorization, expected, tokens);
    if (!holder) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'send the API token as "Authorization: Bearer <token>"' });
    }
    const role = holder.role;
    request.role = role;
    request.actor = holder;
    if (!roleReaches(role, needed)) {
      const path = request.url.split('?', 1)[0];
      const whom = needed === 'admin' ? 'the admin role' : `the ${needed} role or above`;
      return reply.code(403).send({ error: 'forbidden', message: `${request.method} ${path}: needs ${whom}; this token's role is ${role}` });
    }
  };
}

/**
 * Registers the request's `role`, the start-up check that every route declares its access
 * (recorded in `routes`), and the auth hook. Call before registering any route.
 */
export function registerAuth(app: FastifyInstance, routes: RouteTable, token: string, tokens?: TokenRoles): void {
  app.decorateRequest('role', null as unknown as Role);
  app.decorateRequest('actor', null as unknown as TokenHolder);
  requireDeclaredAccess(app, routes);
  app.addHook('onRequest', bearerAuth(token, tokens));
}
