import { sql, type Kysely } from 'kysely';

// Events apply in time order: each profile field and each order value an event or an import sets
// carries the time that set it, so an older write arriving later leaves a newer value alone while
// still setting the fields the newer one did not touch.
//
// One jsonb map per row (`field_set_at`: field name → ISO instant; customer attributes under
// `attributes.<key>`) rather than a column per field: attributes are open-ended, and one map keeps
// a batch statement to one more array parameter. Beside it `latest_set_at`, the latest time in the
// map: a write at least as recent applies whole without reading the map field by field, which is
// nearly every row of an import (re-importing 50,000 unchanged customers took 5–8 times as long as
// the upsert without times; with it, about twice as long).
// Adding columns with a constant default rewrites nothing, so existing rows start with no times
// (any later write applies, as before).
//
// The functions are the one rule both the event path and the CSV import use, in SQL so a
// thousand-row import stays one statement:
// - `set_later(stored, proposed, key)`: the stored time for `key` is later than the proposed one,
//   so the stored value stays (no stored time: the proposed write applies).
// - `later_times(stored, proposed)`: the stored map with each proposed time that is not earlier.
// - `later_attributes(stored, stored_times, given, given_times)`: the stored attributes with each
//   given key whose time is not earlier than the stored one.
const up_ = [
  `alter table customers add column field_set_at jsonb not null default '{}'`,
  `alter table orders add column field_set_at jsonb not null default '{}'`,
  `alter table customers add column latest_set_at timestamptz`,
  `alter table orders add column latest_set_at timestamptz`,
  // An order created by a late event applies the events about it that arrived first (skipped
  // then: no order to apply them to); this finds them without reading the whole log.
  `create index events_order_id on events ((data ->> 'orderId')) where type like 'order.%'`,
  `create function set_later(stored jsonb, proposed jsonb, key text) returns boolean language sql stable as $$
    select coalesce((stored ->> key)::timestamptz > (proposed ->> key)::timestamptz, false)
  $$`,
  `create function later_times(stored jsonb, proposed jsonb) returns jsonb language sql stable as $$
    select stored || coalesce((select jsonb_object_agg(p.key, p.value) from jsonb_each(proposed) p
      where not set_later(stored, proposed, p.key)), '{}'::jsonb)
  $$`,
  `create function later_attributes(stored jsonb, stored_times jsonb, given jsonb, given_times jsonb) returns jsonb language sql stable as $$
    select stored || coalesce((select jsonb_object_agg(a.key, a.value) from jsonb_each(given) a
      where not set_later(stored_times, given_times, 'attributes.' || a.key)), '{}'::jsonb)
  $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function later_attributes(jsonb, jsonb, jsonb, jsonb)`.execute(db);
  await sql`drop function later_times(jsonb, jsonb)`.execute(db);
  await sql`drop function set_later(jsonb, jsonb, text)`.execute(db);
  await sql`drop index events_order_id`.execute(db);
  for (const table of ['orders', 'customers']) {
    await sql.raw(`alter table ${table} drop column latest_set_at`).execute(db);
    await sql.raw(`alter table ${table} drop column field_set_at`).execute(db);
  }
}
