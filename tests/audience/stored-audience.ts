import { sql } from 'kysely';
import { broadcastDueEventType, decisionFacts, evaluateCondition, type CustomerEvent, type TopLevelCondition } from '../../engine/index';
import { selectAudiencePage, sqlAudience } from '../../server/audience/select-audience-page';
import { storedCustomer, type StoredCustomerRow } from '../../server/audience/stored-customer';
import { profileFields } from '../../server/customers/customers';
import type { Db } from '../../server/db/database';
import { storeDerivedFacts } from '../../server/facts/stored-derived';

/** One stored customer: profile columns, attributes as JSON text (so numbers JSON.stringify never writes can be stored), a facts row. */
export interface SeedCustomer {
  id: string;
  fields?: Partial<Record<(typeof profileFields)[number], string | null>>;
  attributes?: string;
  facts?: {
    orderCount: number;
    totalCents: number;
    frequency: number;
    monetaryCents: number;
    firstAt: string | null;
    lastAt: string | null;
    tier: string;
    tags: string[];
    birthdayMd: string | null;
    zone: string | null;
    /** A per-customer refresh's own asOf; null: the snapshot's. */
    asOf: string | null;
  };
}

export async function seed(db: Db, customers: SeedCustomer[], asOf: string): Promise<void> {
  // The snapshot's parameters: its asOf and the shop's default RFM ranges, so buyers score.
  await sql`update facts_snapshot set as_of = ${asOf}::timestamptz, rfm_r = array[30, 60, 90, 180], rfm_f = array[1, 2, 3, 5], rfm_m = array[10000, 30000, 80000, 200000]`.execute(
    db,
  );
  for (const c of customers) {
    const f = (k: (typeof profileFields)[number]) => c.fields?.[k] ?? null;
    await sql`insert into customers (id, name, phone, email, birthday, timezone, region, attributes, updated_at)
      values (${c.id}, ${f('name')}, ${f('phone')}, ${f('email')}, ${f('birthday')}, ${f('timezone')}, ${f('region')}, ${c.attributes ?? '{}'}::jsonb, now())`.execute(
      db,
    );
    const r = c.facts;
    if (!r) continue;
    await sql`insert into customer_fact_rows (customer_id, as_of, order_count, total_cents, frequency, monetary_cents, first_at, last_at, tier, tags, birthday_md, zone)
      values (${c.id}, ${r.asOf}::timestamptz, ${r.orderCount}::int, ${r.totalCents}::bigint, ${r.frequency}::int, ${r.monetaryCents}::bigint,
        ${r.firstAt}::timestamptz, ${r.lastAt}::timestamptz, ${r.tier}, ${r.tags}::text[], ${r.birthdayMd}, ${r.zone})`.execute(db);
  }
  // The stage and RFM segment stored beside the rows, as the facts refresh keeps them.
  await storeDerivedFacts(db);
}

export const broadcastEvent =
  (journeyId = 'wave', version = 3) =>
  (customerId: string): CustomerEvent => ({
    id: `bc:${journeyId}:${version}:${customerId}`,
    type: broadcastDueEventType,
    customerId,
    occurredAt: '2026-11-11T02:00:00.000Z',
    data: { journeyId, version, nodeId: 'wave' },
  });

export type Verdicts = string[] | 'throws';

/** Every stored customer, read as broadcast-page.ts reads it. */
export async function storedRows(db: Db): Promise<StoredCustomerRow[]> {
  return (await db
    .selectFrom('customers as c')
    .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
    .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
    .orderBy('c.id')
    .execute()) as StoredCustomerRow[];
}

/** The engine's verdicts: every stored customer evaluated one by one, as broadcast-page.ts's loop does. */
export async function engineVerdicts(db: Db, condition: TopLevelCondition, event = broadcastEvent(), rows?: StoredCustomerRow[]): Promise<Verdicts> {
  rows ??= await storedRows(db);
  const ids: string[] = [];
  try {
    for (const row of rows) if (await evaluateCondition(condition, decisionFacts({ event: event(row.id), customer: storedCustomer(row) }))) ids.push(row.id);
  } catch {
    return 'throws';
  }
  return ids;
}

/** The SQL path's verdicts, paged (small pages, so the paging is exercised too); null when the condition does not compile. */
export async function sqlVerdicts(
  db: Db,
  condition: TopLevelCondition,
  page = { limit: 3, examineLimit: 7 },
  event = broadcastEvent(),
): Promise<Verdicts | null> {
  const audience = await sqlAudience(condition, event);
  if (!audience) return null;
  const ids: string[] = [];
  let after: string | null = null;
  try {
    do {
      const p = await selectAudiencePage(db, audience, { after, ...page });
      ids.push(...p.ids);
      after = p.next;
    } while (after !== null);
  } catch (error) {
    // A statement the database refuses (it carries a SQLSTATE code) is the compiler's fault, not the engine's throw.
    if (typeof (error as { code?: unknown }).code === 'string') throw error;
    return 'throws';
  }
  return ids;
}
