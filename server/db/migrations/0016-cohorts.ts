import { sql, type Kysely } from 'kysely';

// Cohorts: customers who entered one journey version at one moment run together in one workflow
// (workflows/cohort-workflow.ts). An enrolment keeps its own workflow id (the one a lone customer
// would have) and names the cohort hosting it while it is there; null once it runs on its own.
// `cohorts` numbers them per journey version and entry, so their workflow ids are readable and
// two routers cannot take the same number.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enrolments add column cohort_id text`.execute(db);
  await sql`create index enrolments_cohort on enrolments (cohort_id) where cohort_id is not null`.execute(db);
  await sql`
    create table cohorts (
      id text primary key,
      journey_id text not null,
      journey_version integer not null,
      entry text not null,
      seq integer not null,
      members integer not null,
      created_at timestamptz not null default now(),
      unique (journey_id, journey_version, entry, seq)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table cohorts`.execute(db);
  await sql`drop index enrolments_cohort`.execute(db);
  await sql`alter table enrolments drop column cohort_id`.execute(db);
}
