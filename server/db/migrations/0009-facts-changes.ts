import { sql, type Kysely } from 'kysely';

// Which customers' stored facts may be out of date since the last bulk refresh, so the daily
// refresh recomputes those (server/facts/refresh-scope.ts) instead of aggregating every order again.
//
// Statement-level triggers mark a customer whenever a statement writes their orders, their profile
// or their manual tags — whoever writes (the API, an import, a journey step, a shop's own SQL) and
// in the same transaction, so a change is never committed without its mark. A mark carries a
// sequence number, renewed each time the customer is marked again: a refresh removes exactly the
// marks it has read (customer and number), so a change committed while it runs keeps its mark for
// the next one. Rule tags (source 'rule') are the refresh's own output and mark nothing.
//
// Products matter to the facts only through category rules; a write to them is marked once, under
// its table's name, and makes the next refresh a full one when the settings use categories.

/** The plpgsql body that marks the customers in the statement's transition tables. */
function markFunction(name: string, column: string, filter = 'true'): string {
  const mark = (rows: string) => `insert into facts_dirty (customer_id, seq)
      select id, nextval('facts_dirty_seq') from (${rows}) ids
      on conflict (customer_id) do update set seq = excluded.seq;`;
  const from = (table: string) => `select ${column} as id from ${table} where ${filter}`;
  return `create function ${name}() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      ${mark(`select distinct id from (${from('new_rows')}) n`)}
    elsif tg_op = 'DELETE' then
      ${mark(`select distinct id from (${from('old_rows')}) o`)}
    else
      ${mark(`${from('new_rows')} union ${from('old_rows')}`)}
    end if;
    return null;
  end $$`;
}

/** One trigger per event: a trigger with transition tables serves a single event. */
function triggers(table: string, fn: string): string[] {
  return [
    `create trigger ${table}_facts_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`,
    `create trigger ${table}_facts_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`,
    `create trigger ${table}_facts_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`,
  ];
}

const up_ = [
  `create sequence facts_dirty_seq`,
  `create table facts_dirty (
    customer_id text primary key,
    seq bigint not null
  )`,
  `create table facts_dirty_inputs (
    input text primary key,
    seq bigint not null
  )`,
  markFunction('facts_mark_orders', 'customer_id'),
  markFunction('facts_mark_customers', 'id'),
  markFunction('facts_mark_tags', 'customer_id', `source = 'manual'`),
  `create function facts_mark_products() returns trigger language plpgsql as $$
  begin
    insert into facts_dirty_inputs (input, seq) values ('products', nextval('facts_dirty_seq'))
      on conflict (input) do update set seq = excluded.seq;
    return null;
  end $$`,
  ...triggers('orders', 'facts_mark_orders'),
  ...triggers('customers', 'facts_mark_customers'),
  ...triggers('customer_tags', 'facts_mark_tags'),
  `create trigger products_facts_change after insert or update or delete on products for each statement execute function facts_mark_products()`,
  // Rows a per-customer refresh wrote as of its own moment: the next bulk refresh takes them back.
  `create index customer_fact_rows_own_moment on customer_fact_rows (customer_id) where as_of is not null`,
  // What the last bulk refresh computed the stored values on (settings, known zones): a refresh of
  // the changed customers alone is only right when it is the same.
  `alter table facts_snapshot add column basis text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['orders', 'customers', 'customer_tags']) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_facts_${event} on ${table}`).execute(db);
  }
  await sql`drop trigger products_facts_change on products`.execute(db);
  for (const fn of ['facts_mark_orders', 'facts_mark_customers', 'facts_mark_tags', 'facts_mark_products']) await sql.raw(`drop function ${fn}()`).execute(db);
  await sql`drop index customer_fact_rows_own_moment`.execute(db);
  await sql`alter table facts_snapshot drop column basis`.execute(db);
  await sql`drop table facts_dirty_inputs`.execute(db);
  await sql`drop table facts_dirty`.execute(db);
  await sql`drop sequence facts_dirty_seq`.execute(db);
}
