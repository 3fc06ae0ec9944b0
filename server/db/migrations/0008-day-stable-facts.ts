import { sql, type Kysely } from 'kysely';

// The facts snapshot stores only what does not move with the day: recency, stage, RFM scores and
// days to birthday are derived when read (the view below), so the daily refresh writes only the
// customers whose orders, profile or settings changed, not every buyer's row.
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
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // The view (defined below) last: it reads both tables.
  for (const statement of [...up_, customerFactsViewSql]) await sql.raw(statement).execute(db);
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

// ---------------------------------------------------------------------------------------------
// The view's definition, frozen as this migration was released (it once lived in
// server/facts/facts-view.ts): a migration's effect must not change when today's code does.
// A later change to the view is a new migration that re-creates it.
// ---------------------------------------------------------------------------------------------

/*
 * The `customer_facts` view: every fact of engine/facts derived at read time from the day-stable
 * values stored in `customer_fact_rows` and the parameters of the last bulk refresh in the one-row
 * `facts_snapshot`. What moves with the day alone — recencyDays, the lifecycle stage, the RFM
 * scores and segment, daysToBirthday — is never stored, so the daily refresh writes only the rows
 * whose stored values changed.
 *
 * One level over one table, the parameters read by uncorrelated subqueries (evaluated once per
 * statement): PostgreSQL pulls the view into the query, pushes a reader's `where customer_id = …`
 * or `limit` down to the table and computes only the columns the reader selects; and the view
 * stays automatically updatable for DELETE. Each expression mirrors an engine function, named
 * beside it; tests/facts check the two agree.
 */

/** A parameter of the last bulk refresh (facts_snapshot has exactly one row). */
const p = (column: string) => `(select ${column} from facts_snapshot)`;

/** The moment a row's facts are as of: its own (written by a per-customer refresh), else the snapshot's. */
const asOf = `coalesce(f.as_of, ${p('as_of')}, f.computed_at)`;
const shopZone = p('timezone');

/** recencyDays (baseFacts): whole calendar days in the shop's zone from the last counted order. */
const recency = `((${asOf} at time zone ${shopZone})::date - (f.last_at at time zone ${shopZone})::date)`;

/**
 * Rows without their own asOf are as of the snapshot's, so their day-dependent comparisons are
 * against instants the refresh computed once (facts_snapshot.stage_from, rfm_r_from): recency ≤ k
 * exactly when the last order was placed at or after the start of the local day k days before
 * asOf. That spares each row the time-zone conversions, which dominate a scan of every row.
 */
const fromSnapshot = `(f.as_of is null and ${p('stage_from')} is not null)`;

/** lifecycleStage with the boundaries the refresh chose (windows, or the population's ratio split). */
const stage = `(case when f.last_at is null then 'none'
  when ${fromSnapshot} then case
    when f.last_at >= (${p('stage_from')})[1] then 'active'
    when f.last_at >= (${p('stage_from')})[2] then 'silent'
    when f.last_at >= (${p('stage_from')})[3] then 'sleeping'
    else 'lost' end
  when ${recency} <= (${p('stage_bounds')})[1] then 'active'
  when ${recency} <= (${p('stage_bounds')})[2] then 'silent'
  when ${recency} <= (${p('stage_bounds')})[3] then 'sleeping'
  else 'lost' end)`;

type Measure = { shop: string; key: 'recencyDays' | 'frequency' | 'monetary'; scale: 1 | 100 };
const measures = {
  r: { shop: 'rfm_r', key: 'recencyDays', scale: 1 },
  f: { shop: 'rfm_f', key: 'frequency', scale: 1 },
  m: { shop: 'rfm_m', key: 'monetary', scale: 100 },
} satisfies Record<string, Measure>;

/**
 * The i-th threshold (1–4) of a measure, a whole number (days, orders, cents): for a whole x,
 * x > t exactly when x > floor(t). The customer's main category's ranges when the shop has them,
 * else the shop's (floored when the refresh stored them).
 */
function threshold(m: Measure, i: number): string {
  const shop = `(${p(m.shop)})[${i}]`;
  const own = `floor(((${p('rfm_by_category')} -> f.main_category -> '${m.key}') ->> ${i - 1})::numeric * ${m.scale})::bigint`;
  return `(case when f.main_category is null then ${shop} else coalesce(${own}, ${shop}) end)`;
}

/** scoreLowerBetter (recency) / scoreHigherBetter (frequency, monetary). */
function score(value: string, m: Measure, lowerBetter: boolean): string {
  const above = [1, 2, 3, 4].map((i) => `(${value} > ${threshold(m, i)})::int`).join(' + ');
  return lowerBetter ? `(5 - (${above}))` : `(1 + (${above}))`;
}
/** The recency score against the snapshot's instants where the shop's ranges apply (see fromSnapshot). */
const r = `(case when ${fromSnapshot} and f.main_category is null
  then 5 - (${[1, 2, 3, 4].map((i) => `(f.last_at < (${p('rfm_r_from')})[${i}])::int`).join(' + ')})
  else ${score(recency, measures.r, true)} end)`;
const fScore = score('f.frequency', measures.f, false);
const m = score('f.monetary_cents', measures.m, false);
/** Whether the row has RFM scores: a buyer, and thresholds (quintile mode before any population has none). */
const scored = `(f.last_at is not null and ${p('rfm_r')} is not null)`;

/** engine/facts/rfm.ts rfmSegment as this migration was released with; the first rule that holds names the segment. */
function rfmSegment(r: number, f: number, m: number): string {
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f === 1) return 'new';
  if (r >= 4) return 'potential';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r <= 2) return 'hibernating';
  return 'needs_attention';
}

/** rfmSegment for every (r, f, m), indexed (r-1)*25 + (f-1)*5 + m. */
const segmentTable = (() => {
  const names: string[] = [];
  for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) for (let k = 1; k <= 5; k++) names.push(rfmSegment(i, j, k));
  return `array[${names.map((n) => `'${n}'`).join(', ')}]`;
})();
const segment = `(case when ${scored} then (${segmentTable})[(${r} - 1) * 25 + (${fScore} - 1) * 5 + ${m}] end)`;

/**
 * daysToBirthday from today in the customer's own zone, else the shop's. birthday_md is a valid
 * month-day (checked when stored); 29 February falls on 28 February in common years.
 */
const today = `(${asOf} at time zone coalesce(f.zone, ${shopZone}))::date`;
const month = `substr(f.birthday_md, 1, 2)::int`;
const day = `substr(f.birthday_md, 4, 2)::int`;
const leap = (y: string) => `(${y} % 4 = 0 and (${y} % 100 <> 0 or ${y} % 400 = 0))`;
const birthdayIn = (y: string) => `make_date(${y}, ${month}, case when ${month} = 2 and ${day} = 29 and not ${leap(y)} then 28 else ${day} end)`;
const year = `extract(year from ${today})::int`;
const daysToBirthday = `(case when f.birthday_md is null then null
  when ${birthdayIn(year)} >= ${today} then ${birthdayIn(year)} - ${today}
  else ${birthdayIn(`(${year} + 1)`)} - ${today} end)`;

/** Whole cents as a JSON number of yuan: 18050 → 18050e-2, which JSON.parse reads as 180.5. */
const yuan = (cents: string) => `((${cents})::text || 'e-2')`;
const iso = (t: string) => `to_char(${t} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const num = (v: string) => `coalesce((${v})::text, 'null')`;
const str = (v: string) => `coalesce('"' || ${v} || '"', 'null')`;

/** The CustomerFacts document, as JSON text (cheaper to format than jsonb_build_object with thirteen keys). */
const document = `format('{"orderCount":%s,"totalSpend":%s,"frequency":%s,"monetary":%s,"recencyDays":%s,"firstOrderAt":%s,"lastOrderAt":%s,"aov":%s,"rfm":%s,"lifecycleStage":"%s","tier":"%s","tags":%s,"daysToBirthday":%s}',
    f.order_count, ${yuan('f.total_cents')}, f.frequency, ${yuan('f.monetary_cents')}, ${num(`case when f.last_at is not null then ${recency} end`)},
    ${str(iso('f.first_at'))}, ${str(iso('f.last_at'))},
    ${num(`case when f.order_count > 0 then ${yuan('(2 * f.total_cents + f.order_count) / (2 * f.order_count)')} end`)},
    case when ${scored} then format('{"r":%s,"f":%s,"m":%s,"segment":"%s"}', ${r}, ${fScore}, ${m}, ${segment}) else 'null' end,
    ${stage}, f.tier, case when cardinality(f.tags) = 0 then '[]' else to_json(f.tags)::text end, ${num(daysToBirthday)})::json`;

/** The view's definition: the columns the snapshot table had, so its readers read it unchanged. */
export const customerFactsViewSql = `create view customer_facts as select
  f.customer_id,
  ${asOf} as as_of,
  f.computed_at,
  ${stage} as stage,
  f.tier,
  ${segment} as rfm_segment,
  f.tags,
  ${document} as facts
from customer_fact_rows f`;
