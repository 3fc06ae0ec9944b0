import type { FastifyRequest } from 'fastify';
import type { SettingsActor } from '../facts/settings-changes';
import type { Db } from '../db/database';
import { tokenHash } from './api-tokens';

/**
 * Who sent an authenticated request: its token's name and role. The auth hook has already checked
 * the bearer token (the route needs a role), so a token not found among those made through the
 * API is the installation's own, which is always admin.
 * Derived here from the bearer the way server/http/auth.ts resolves it, until the auth hook puts
 * the holder on the request itself (`request.actor`), which is then used as it is.
 */
export async function requestActor(request: FastifyRequest, db: Db): Promise<SettingsActor> {
  const fromHook = (request as { actor?: { tokenId: string | null; name: string; role: string } | null }).actor;
  if (fromHook) return { tokenId: fromHook.tokenId, name: fromHook.name, role: fromHook.role };
  const header = request.headers.authorization;
  const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const row = presented
    ? await db.selectFrom('api_tokens').select(['id', 'name', 'role']).where('token_hash', '=', tokenHash(presented)).executeTakeFirst()
    : undefined;
  return row ? { tokenId: row.id, name: row.name, role: row.role } : { tokenId: null, name: 'installation token', role: request.role };
}
