import { sql, type Kysely } from 'kysely';

// Segments (人群): saved audiences, a condition over the facts catalog. `segment_members` is who was
// in each segment when its membership was last computed (with the facts refresh, and after a
// customer's own changes), so entering and leaving can be told apart and announced as events; the
// segment's count is the number of its rows. `members_at` is null until the first computation,
// which sets the starting point without announcing anyone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table segments (
      id text primary key,
      name text not null,
      description text not null default '',
      condition jsonb not null,
      members_at timestamptz,
      created_at timestamptz not null default now(),
      created_by text,
      updated_at timestamptz not null default now(),
      updated_by text
    )`.execute(db);
  await sql`
    create table segment_members (
      segment_id text not null references segments (id) on delete cascade,
      customer_id text not null,
      since timestamptz not null,
      primary key (segment_id, customer_id)
    )`.execute(db);
  // A customer's own changes recompute their memberships in every segment.
  await sql`create index segment_members_customer on segment_members (customer_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table segment_members`.execute(db);
  await sql`drop table segments`.execute(db);
}
