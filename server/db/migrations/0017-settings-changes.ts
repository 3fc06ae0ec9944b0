import { sql, type Kysely } from 'kysely';

// The settings change log: every change of the shop settings (PUT /api/settings) with who made
// it (the token's name and role), when, the whole document before and after, and the dotted
// paths that differ. Written in the transaction of the settings write, so neither lands alone.
// `seq` orders the log and pages it (keyset, newest first).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table settings_changes (
      seq bigserial primary key,
      changed_at timestamptz not null default now(),
      actor_name text not null,
      actor_role text not null,
      actor_token_id text,
      before jsonb not null,
      after jsonb not null,
      paths text[] not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table settings_changes`.execute(db);
}
