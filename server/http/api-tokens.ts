import { createHash, randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { roles } from '../../contract/tokens';
import type { Db } from '../db/database';

// The roles are the wire contract's (contract/tokens.ts).
export { roles };
export type Role = (typeof roles)[number];

/** Who a request comes from: the token's holder, as recorded in change logs. */
export interface TokenHolder {
  /** Null for the installation's own token (HUITOU_API_TOKEN or the one in the data folder). */
  tokenId: string | null;
  name: string;
  role: Role;
}

/** The holder of the installation's own token, which is always admin. */
export const installationHolder: TokenHolder = { tokenId: null, name: 'installation token', role: 'admin' };

export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** SHA-256 of a token: what is stored, so a copy of the database holds no usable token. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const info = (row: { id: string; name: string; role: string; created_at: Date; revoked_at: Date | null }): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
});

/** API tokens with roles, created by an admin; only their hashes are kept. */
export class ApiTokens {
  constructor(private readonly db: Db) {}

  /** A new token; its secret is returned here once and never again. */
  async create(name: string, role: Role): Promise<ApiTokenInfo & { token: string }> {
    const token = `ht_${randomBytes(24).toString('base64url')}`;
    const row = await this.db
      .insertInto('api_tokens')
      .values({ id: `tok_${nanoid(12)}`, name, role, token_hash: tokenHash(token) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...info(row), token };
  }

  async list(): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(info);
  }

  /** Revokes a token at once (the next request with it is refused); undefined for an unknown id. */
  async revoke(id: string): Promise<ApiTokenInfo | undefined> {
    await this.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('api_tokens').select(['id', 'name', 'role', 'created_at', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    return row && info(row);
  }

  /** Who holds a live token (its id, name and role), or undefined. Looked up on every request, so a revocation counts at once. */
  async holderOf(token: string): Promise<TokenHolder | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role'])
      .where('token_hash', '=', tokenHash(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && { tokenId: row.id, name: row.name, role: row.role as Role };
  }
}
