import { sql, type Kysely } from 'kysely';

// Consent (退订): a customer's subscription per marketing channel. No row means subscribed, the
// default; a row records the latest change, when and how (a reply, the one-click link, an import,
// the API). Transactional messages ignore it. `sms_inbound` keeps every SMS reply received, what
// it was read as and whom it changed, so an unsubscribe can always be traced to the message that
// asked for it. `server_secrets` holds secrets the processes of one installation share (the key
// that signs unsubscribe links), generated on first use.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_subscriptions (
      customer_id text not null,
      channel text not null check (channel in ('sms', 'email')),
      state text not null check (state in ('subscribed', 'unsubscribed')),
      changed_at timestamptz not null,
      via text not null check (via in ('reply', 'one-click', 'link', 'import', 'api')),
      primary key (customer_id, channel)
    )`.execute(db);
  // The customers list's filter "unsubscribed on a channel" reads only these rows.
  await sql`create index customer_subscriptions_unsubscribed on customer_subscriptions (channel, customer_id) where state = 'unsubscribed'`.execute(db);
  await sql`
    create table sms_inbound (
      id bigserial primary key,
      phone text not null,
      text text not null,
      received_at timestamptz not null,
      stored_at timestamptz not null default now(),
      action text not null check (action in ('unsubscribe', 'resubscribe', 'none')),
      customer_ids jsonb not null default '[]'
    )`.execute(db);
  await sql`create index sms_inbound_phone on sms_inbound (phone, received_at)`.execute(db);
  // A reply names a phone number: its customers are found by its last 11 digits, however the shop
  // spelled it (13800001234, +86 138 0000 1234, 86-138-0000-1234).
  await sql`create index customers_phone_digits on customers (right(regexp_replace(phone, '[^0-9]', '', 'g'), 11))`.execute(db);
  await sql`
    create table server_secrets (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index customers_phone_digits`.execute(db);
  await sql`drop table server_secrets`.execute(db);
  await sql`drop table sms_inbound`.execute(db);
  await sql`drop table customer_subscriptions`.execute(db);
}
