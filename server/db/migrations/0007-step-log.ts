import { sql, type Kysely } from 'kysely';

// The step log: how many customers entered and passed each node of each published version, and
// where each enrolment waits now. Journey workflows report the steps they took in batches (when they
// are about to wait and when they end), so a customer costs a couple of statements, not one per step.
const statements = [
  // Counters, not an append-only log: a broadcast of 100k customers through a handful of nodes is a
  // few dozen rows to sum on each read, not half a million to aggregate every few seconds. Each
  // node's counter is split over a few shards (chosen by workflow id) so that thousands of
  // customers passing the same node at once do not all queue for one row's lock.
  `create table journey_step_counts (
    journey_id text not null,
    journey_version integer not null,
    node_id text not null,
    shard smallint not null,
    entered bigint not null default 0,
    passed bigint not null default 0,
    primary key (journey_id, journey_version, node_id, shard)
  )`,
  // A report is applied once: the enrolment remembers the last report (run of the first execution,
  // sequence number) it took, so a retried report changes nothing.
  `alter table enrolments add column step_run text`,
  `alter table enrolments add column step_seq integer not null default 0`,
  // The node an active enrolment waits at (a wait step, a held message, a paused journey); null while it moves.
  `alter table enrolments add column waiting_node text`,
  `create index enrolments_waiting on enrolments (journey_id, journey_version, waiting_node) where status = 'active' and waiting_node is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index enrolments_waiting').execute(db);
  for (const column of ['waiting_node', 'step_seq', 'step_run']) await sql.raw(`alter table enrolments drop column ${column}`).execute(db);
  await sql.raw('drop table journey_step_counts').execute(db);
}
