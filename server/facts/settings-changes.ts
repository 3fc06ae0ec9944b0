import { sql } from 'kysely';
import type { ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';

/** Who changed the settings: the token's name and role (the installation's own token has no id). */
export interface SettingsActor {
  tokenId: string | null;
  name: string;
  role: string;
}

/** One entry of the settings change log, as GET /api/settings/changes answers it. */
export interface SettingsChange {
  /** The entry's place in the log; the cursor of the next page is the last one's. */
  seq: string;
  changedAt: string;
  actor: SettingsActor;
  before: ShopSettings;
  after: ShopSettings;
  /** The dotted paths that differ (`tiers.1.minSpend`). */
  paths: string[];
}

/** Adds one entry, in the caller's transaction (the one that writes the settings). */
export async function recordSettingsChange(
  trx: Db,
  entry: { actor: SettingsActor; before: ShopSettings; after: ShopSettings; paths: string[] },
): Promise<void> {
  await trx
    .insertInto('settings_changes')
    .values({
      actor_name: entry.actor.name,
      actor_role: entry.actor.role,
      actor_token_id: entry.actor.tokenId,
      before: json(entry.before),
      after: json(entry.after),
      paths: entry.paths,
    })
    .execute();
}

/** A page of the log, newest first: the entries before `cursor` (a seq), and the cursor of the next page when there is one. */
export async function listSettingsChanges(db: Db, limit: number, cursor?: string): Promise<{ changes: SettingsChange[]; nextCursor: string | null }> {
  const { rows } = await sql<{
    seq: string;
    changed_at: Date;
    actor_name: string;
    actor_role: string;
    actor_token_id: string | null;
    before: ShopSettings;
    after: ShopSettings;
    paths: string[];
  }>`select seq::text as seq, changed_at, actor_name, actor_role, actor_token_id, before, after, paths
    from settings_changes ${cursor ? sql`where seq < ${cursor}::bigint` : sql``}
    order by seq desc limit ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  return {
    changes: page.map((r) => ({
      seq: r.seq,
      changedAt: new Date(r.changed_at).toISOString(),
      actor: { tokenId: r.actor_token_id, name: r.actor_name, role: r.actor_role },
      before: r.before,
      after: r.after,
      paths: r.paths,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null,
  };
}

/** Serialises settings writes, so each log entry's `before` is the document the write replaced. */
export const SETTINGS_WRITE_LOCK = 72_630_317;
