import { sql } from 'kysely';
import { compileAudience, decisionFacts, evaluateCondition, type CustomerEvent, type TopLevelCondition } from '../../engine/index';
import type { Db } from '../db/database';
import { profileFields } from '../customers/customers';
import { renderPredicate } from './render-predicate';
import { storedCustomer, type StoredCustomerRow } from './stored-customer';
import type { Joins } from './stored-values';

/** An audience ready to select customers in SQL, with what the engine needs for the rows SQL leaves undecided. */
export interface SqlAudience {
  condition: TopLevelCondition;
  event(customerId: string): CustomerEvent;
  where: ReturnType<typeof renderPredicate>;
  joins: Joins;
}

/**
 * The audience in SQL, or null when some part of it does not compile (the caller evaluates it
 * customer by customer, as before). `event` is the decision's event for a customer.
 */
export async function sqlAudience(condition: TopLevelCondition, event: (customerId: string) => CustomerEvent): Promise<SqlAudience | null> {
  const compiled = await compileAudience(condition, { event });
  if (!compiled.compiled) return null;
  const joins: Joins = { rows: false, view: false };
  const where = renderPredicate(compiled.predicate, joins);
  return { condition, event, where, joins };
}

export interface AudiencePage {
  /** Matching customers in id order, at most `limit`. */
  ids: string[];
  /** The last customer examined, or null when every customer after `after` has been. */
  next: string | null;
  examined: number;
}

/**
 * Customers after `after` in id order, at most `examineLimit` examined in one statement, until
 * `limit` match. The statement returns only the rows that match or that SQL cannot decide (a
 * handful in real data), and the last row examined; the engine decides the undecided ones from
 * the same stored row broadcast-page.ts would read, so the verdicts are the engine's.
 */
export async function selectAudiencePage(
  db: Db,
  audience: SqlAudience,
  { after, limit, examineLimit }: { after: string | null; limit: number; examineLimit: number },
): Promise<AudiencePage> {
  // The page's id range first (an index-only scan), so every join reads that range alone: joined by
  // id without it, the planner hashes the whole facts view, computing every customer's facts per page.
  const bound = await sql<{ id: string }>`select id from customers where ${after === null ? sql`true` : sql`id > ${after}`}
    order by id offset ${examineLimit - 1} limit 1`.execute(db);
  const upper = bound.rows[0]?.id ?? null;
  const inRange = (column: string) =>
    sql.join(
      [sql`true`, ...(after === null ? [] : [sql`${sql.ref(column)} > ${after}`]), ...(upper === null ? [] : [sql`${sql.ref(column)} <= ${upper}`])],
      sql` and `,
    );
  const viewJoin = audience.joins.view ? sql`left join customer_facts f on f.customer_id = c.id and ${inRange('f.customer_id')}` : sql``;
  const rowsJoin = audience.joins.rows ? sql`left join customer_fact_rows r on r.customer_id = c.id and ${inRange('r.customer_id')}` : sql``;
  const { rows } = await sql<{ id: string; verdict: boolean | null; n: string; last: boolean }>`
    with scanned as (
      select c.id, ${audience.where} as verdict, row_number() over (order by c.id) as n
      from customers c
      ${viewJoin}
      ${rowsJoin}
      where ${inRange('c.id')}
    )
    (select id, verdict, n, false as last from scanned where verdict is not false order by n limit ${limit})
    union all
    (select id, verdict, n, true as last from scanned order by n desc limit 1)`.execute(db);
  const candidates = rows.filter((r) => !r.last).sort((a, b) => Number(a.n) - Number(b.n));
  const last = rows.find((r) => r.last);
  const undecided = await decideInEngine(
    db,
    audience,
    candidates.filter((r) => r.verdict === null).map((r) => r.id),
  );
  const ids: string[] = [];
  for (const row of candidates) {
    if (row.verdict === true || undecided.has(row.id)) ids.push(row.id);
    if (ids.length === limit) return { ids, next: row.id, examined: Number(row.n) };
  }
  // A full list of candidates of which some were not matches: the page ends at the last of them.
  const end = candidates.at(-1);
  if (candidates.length === limit && end) return { ids, next: end.id, examined: Number(end.n) };
  const examined = last ? Number(last.n) : 0;
  // Open-ended (no row examineLimit rows on): every customer has been examined. Else on from the range's end.
  return { ids, next: upper === null ? null : upper, examined };
}

/** The undecided customers that match, by the engine's own evaluateCondition over their stored row. */
export async function decideInEngine(db: Db, audience: SqlAudience, ids: string[]): Promise<Set<string>> {
  const matched = new Set<string>();
  if (ids.length === 0) return matched;
  const rows = await db
    .selectFrom('customers as c')
    .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
    .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
    .where('c.id', 'in', ids)
    .execute();
  for (const row of rows as StoredCustomerRow[]) {
    const facts = decisionFacts({ event: audience.event(row.id), customer: storedCustomer(row) });
    if (await evaluateCondition(audience.condition, facts)) matched.add(row.id);
  }
  return matched;
}
