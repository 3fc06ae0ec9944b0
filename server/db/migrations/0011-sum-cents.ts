import { sql, type Kysely } from 'kysely';

// sum_cents(bigint): a sum of whole cents whose running state is a bigint, for the bulk facts
// refresh's GROUP BY over every order (server/facts/bulk-basics.ts). The built-in sum(bigint)
// keeps a 128-bit state that parallel workers must serialize and the leader combine per customer;
// a by-value bigint state costs neither (10M orders: 5.3–6.0 s with sum, 4.5 s with this). It
// raises "bigint out of range" past 92 quadrillion yuan, which no customer's orders reach.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create aggregate sum_cents(bigint) (sfunc = int8pl, stype = bigint, combinefunc = int8pl, parallel = safe)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop aggregate sum_cents(bigint)`.execute(db);
}
