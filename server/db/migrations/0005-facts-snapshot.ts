import { sql, type Kysely } from 'kysely';

// The snapshot's facts document as json (text, checked on the way in) rather than jsonb: the bulk
// refresh writes a million documents it has just formatted as JSON text, and parsing each into
// jsonb took about twice as long as formatting it. Nothing queries inside the document; readers
// get it parsed by the driver either way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer_facts alter column facts type json using facts::json`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customer_facts alter column facts type jsonb using facts::jsonb`.execute(db);
}
