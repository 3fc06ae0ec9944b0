import { sql, type Kysely } from 'kysely';

// Guardrails and goals. On the outbox: whether a message is marketing (held by quiet hours, counted by
// frequency caps) and its journey's priority, and why a guardrail held, capped or skipped it.
const statements = [
  `alter table messages add column category text not null default 'transactional'`,
  `alter table messages add column priority integer not null default 5`,
  `alter table messages add column guard_reason text`,
  // The caps look at one customer's recent marketing messages on one channel.
  `create index messages_customer_channel on messages (customer_id, channel, created_at) where category = 'marketing'`,
  // A journey's conversion goal reached: one row per journey and goal event, attributed to the
  // last message the journey sent the customer before it (within the goal's window).
  `create table conversions (
    journey_id text not null,
    journey_version integer not null,
    event_id text not null,
    customer_id text not null,
    message_id text not null,
    node_id text not null,
    converted_at timestamptz not null,
    primary key (journey_id, event_id)
  )`,
  `create index messages_customer_journey on messages (customer_id, journey_id, created_at)`,
  // A journey's send rate: how many of its messages each fixed window (epoch ms / per) holds.
  `create table journey_send_windows (
    journey_id text not null,
    window_ms bigint not null,
    window_start bigint not null,
    sent integer not null,
    primary key (journey_id, window_ms, window_start)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table journey_send_windows').execute(db);
  await sql.raw('drop table conversions').execute(db);
  await sql.raw('drop index messages_customer_journey').execute(db);
  await sql.raw('drop index messages_customer_channel').execute(db);
  for (const column of ['guard_reason', 'priority', 'category']) await sql.raw(`alter table messages drop column ${column}`).execute(db);
}
