import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

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

export function bearerAuth(token: string) {
  const expected = Buffer.from(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isPublic(request.url)) return;
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'send the API token as "Authorization: Bearer <token>"' });
    }
  };
}
