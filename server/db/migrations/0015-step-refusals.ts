import { sql, type Kysely } from 'kysely';

// Per step, the actions that refused to do their work and let the customer go on (a coupon
// campaign used up), reported by the journey workflows with the other step counters. Actions
// that failed for good end the enrolment and are counted from its exit reason instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table journey_step_counts add column refused bigint not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table journey_step_counts drop column refused`.execute(db);
}
