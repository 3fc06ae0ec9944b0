import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../store/api-tokens';

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

/** Paths reachable without a token: health, and the designer's static files (they hold no data). */
export function isPublic(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return path === '/api/health' || !path.startsWith('/api/');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's role, resolved from their token by the auth hook (absent on public paths). */
    role: Role;
  }
}

/** Looks up the role of a token made through the API (the configured token is always admin). */
export interface TokenRoles {
  roleOf(token: string): Promise<Role | undefined>;
}

/**
 * Why `role` may not call `method path`, or null when it may. Admin: everything. Marketer:
 * everything but changing settings, managing tokens and running the bulk facts refresh. Analyst:
 * reading only, and not the tokens.
 */
export function forbiddenReason(role: Role, method: string, url: string): string | null {
  if (role === 'admin') return null;
  const path = url.split('?', 1)[0]!;
  const reading = method === 'GET' || method === 'HEAD';
  if (path === '/api/tokens' || path.startsWith('/api/tokens/')) return 'managing API tokens needs the admin role';
  if (path === '/api/settings' && !reading) return 'changing the shop settings needs the admin role';
  if (path === '/api/facts/refresh') return 'recomputing every customer\'s facts needs the admin role';
  if (path === '/api/calendar/run') return 'running the calendar job needs the admin role';
  // Simulating, previewing and analysing change nothing: analysts may use them.
  const readsOnly = reading || path === '/api/simulate' || path === '/api/templates/preview' || path === '/api/journeys/analyze';
  if (role === 'analyst' && !readsOnly) return 'the analyst role only reads';
  return null;
}

/**
 * The onRequest hook: every /api path but health needs a bearer token — the configured one (role
 * admin, compared in constant time) or a live token made through /api/tokens — and the token's
 * role must allow the call (else 403). The role is put on the request for the routes.
 */
export function bearerAuth(token: string, tokens?: TokenRoles) {
  const expected = Buffer.from(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isPublic(request.url)) return;
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const given = Buffer.from(presented);
    let role: Role | undefined;
    if (given.length === expected.length && timingSafeEqual(given, expected)) role = 'admin';
    else if (presented && tokens) role = await tokens.roleOf(presented);
    if (!role) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'send the API token as "Authorization: Bearer <token>"' });
    }
    request.role = role;
    const reason = forbiddenReason(role, request.method, request.url);
    if (reason) return reply.code(403).send({ error: 'forbidden', message: `${request.method} ${request.url.split('?', 1)[0]}: ${reason}` });
  };
}

/** Registers the request's `role` and the auth hook on the app. */
export function registerAuth(app: FastifyInstance, token: string, tokens?: TokenRoles): void {
  app.decorateRequest('role', null as unknown as Role);
  app.addHook('onRequest', bearerAuth(token, tokens));
}
