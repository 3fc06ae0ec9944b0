import { sql, type Kysely } from 'kysely';
import { customerFactsViewSql } from '../../facts/facts-view';

// The facts snapshot stores only what does not move with the day (server/facts/facts-view.ts):
// recency, stage, RFM scores and days to birthday are derived when read, so the daily refresh
// writes only the customers whose orders, profile or settings changed, not every buyer's row.
// `customer_facts` becomes a view with the old table's columns, so its readers are unchanged.
// The old rows are dropped: the next refresh (daily, or POST /api/facts/refresh) rebuilds them.
const up_ = [
  `drop table customer_facts`,
  `create table customer_fact_rows (
    customer_id text primary key,
    -- Set by a per-customer refresh: the moment its values are as of. Null: the snapshot's as_of.
    as_of timestamptz,
    computed_at timestamptz not null default now(),
    order_count integer not null,
    total_cents bigint not null,
    frequency integer not null,
    monetary_cents bigint not null,
    first_at timestamptz,
    last_at timestamptz,
    -- Only where the shop scores RFM by ranges per category.
    main_category text,
    -- Raised tier (never lowered) and sorted tags: change only with orders, profile or settings.
    tier text not null,
    tags text[] not null default '{}',
    -- The birthday's MM-DD when it is a day of some year, and the customer's zone when both the
    -- engine and the database know it (else the shop's zone applies).
    birthday_md text,
    zone text
  )`,
  // The parameters of the last bulk refresh, exactly one row: the view reads them.
  `create table facts_snapshot (
    id integer primary key default 1 check (id = 1),
    as_of timestamptz,
    timezone text not null,
    stage_bounds numeric[] not null,
    -- The first instants of the local days at the stage boundaries and the recency thresholds.
    stage_from timestamptz[],
    rfm_r_from timestamptz[],
    rfm_r bigint[],
    rfm_f bigint[],
    rfm_m bigint[],
    rfm_by_category jsonb not null default '{}'
  )`,
  `insert into facts_snapshot (timezone, stage_bounds) values ('Asia/Shanghai', array[45, 90, 140])`,
  customerFactsViewSql,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view customer_facts`.execute(db);
  await sql`drop table facts_snapshot`.execute(db);
  await sql`drop table customer_fact_rows`.execute(db);
  for (const statement of [
    `create table customer_facts (
      customer_id text primary key,
      as_of timestamptz not null,
      computed_at timestamptz not null default now(),
      stage text not null,
      tier text not null,
      rfm_segment text,
      tags text[] not null default '{}',
      facts json not null
    )`,
    `create index customer_facts_stage on customer_facts (stage)`,
    `create index customer_facts_tier on customer_facts (tier)`,
    `create index customer_facts_rfm on customer_facts (rfm_segment)`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
