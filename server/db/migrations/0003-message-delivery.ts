import { sql, type Kysely } from 'kysely';

// Delivery of the outbox: how often a message was tried, when it may be tried next, who holds it
// (a dispatcher that claimed it and has not answered), and how it ended.
const statements = [
  `alter table messages add column attempts integer not null default 0`,
  `alter table messages add column next_attempt_at timestamptz not null default now()`,
  `alter table messages add column claimed_at timestamptz`,
  `alter table messages add column sent_at timestamptz`,
  `alter table messages add column provider text`,
  `alter table messages add column provider_message_id text`,
  `alter table messages add column last_error text`,
  // Only undelivered messages are in it, so the dispatcher's scan stays small as the outbox grows.
  `create index messages_due on messages (next_attempt_at) where status in ('queued', 'sending')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index messages_due').execute(db);
  for (const column of ['last_error', 'provider_message_id', 'provider', 'sent_at', 'claimed_at', 'next_attempt_at', 'attempts']) {
    await sql.raw(`alter table messages drop column ${column}`).execute(db);
  }
}
