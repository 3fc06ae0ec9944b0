import { sql, type Kysely } from 'kysely';

const statements = [
  `create table journeys (
    id text primary key,
    name text not null,
    status text not null default 'draft',
    version integer not null default 0,
    document jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table journey_versions (
    journey_id text not null references journeys(id),
    version integer not null,
    document jsonb not null,
    published_at timestamptz not null default now(),
    primary key (journey_id, version)
  )`,
  `create table customers (
    id text primary key,
    name text,
    phone text,
    email text,
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`,
  `create table events (
    id text primary key,
    type text not null,
    customer_id text not null,
    occurred_at timestamptz not null,
    data jsonb not null,
    received_at timestamptz not null default now(),
    routed_at timestamptz,
    routing_error text
  )`,
  `create index events_unrouted on events (received_at) where routed_at is null`,
  `create index events_customer on events (customer_id, occurred_at)`,
  `create table enrolments (
    workflow_id text primary key,
    journey_id text not null,
    journey_version integer not null,
    customer_id text not null,
    entry_key text,
    entry_event_id text not null,
    status text not null default 'active',
    exit_reason text,
    started_at timestamptz not null default now(),
    ended_at timestamptz
  )`,
  `create index enrolments_active_customer on enrolments (customer_id) where status = 'active'`,
  `create table messages (
    id text primary key default ('msg_' || replace(gen_random_uuid()::text, '-', '')),
    idempotency_key text not null unique,
    channel text not null,
    recipient text,
    subject text,
    text text not null,
    status text not null,
    journey_id text not null,
    journey_version integer not null,
    node_id text not null,
    customer_id text not null,
    created_at timestamptz not null default now()
  )`,
  `create index messages_customer on messages (customer_id, created_at)`,
  `create index messages_journey on messages (journey_id, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: the prepared-statement protocol takes one at a time.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['messages', 'enrolments', 'events', 'customers', 'journey_versions', 'journeys']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
