import { sql, type Kysely } from 'kysely';

// The lifecycle stage and the RFM segment stored with each snapshot row, as the customer_facts view
// derives them. Deriving them costs about 10 µs a row, most of a count over a million customers
// (a segment's live count, the customers list's counts by stage), which read these columns instead.
// The facts refresh keeps them equal to the view's: after it writes rows or the view's parameters,
// it stores what the view now derives for the rows that moved (server/facts/stored-derived.ts).
//
// A tag's customers in id order, from the tag's index: the customers list pages through a tag's
// customers from a cursor (the index on the tag alone gives them unordered).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer_fact_rows add column stage text, add column rfm_segment text`.execute(db);
  await sql`update customer_fact_rows r set stage = v.stage, rfm_segment = v.rfm_segment
    from customer_facts v where v.customer_id = r.customer_id`.execute(db);
  await sql`create index customer_tags_tag_customer on customer_tags (tag, customer_id)`.execute(db);
  await sql`drop index customer_tags_tag`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index customer_tags_tag on customer_tags (tag)`.execute(db);
  await sql`drop index customer_tags_tag_customer`.execute(db);
  await sql`alter table customer_fact_rows drop column stage, drop column rfm_segment`.execute(db);
}
