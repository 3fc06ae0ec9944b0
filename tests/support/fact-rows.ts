import { sql } from 'kysely';
import type { Db } from '../../server/db/database';
import { storeDerivedFacts } from '../../server/facts/stored-derived';

/**
 * Snapshot rows for suites that need customers with given stored facts without computing them
 * from orders. The snapshot stores day-stable values (customer_fact_rows) and the customer_facts
 * view derives the rest (stage, RFM, recency) with the parameters in facts_snapshot
 * (migration 0008-day-stable-facts): a row with its last order a day before its asOf is `active`,
 * 200 days before is `lost` (default windows 45 / 90 / 140 days).
 */
export interface FactRow {
  customerId: string;
  /** The moment the row's facts are as of (default: now). */
  asOf?: Date | string;
  firstOrderAt?: string | null;
  lastOrderAt?: string | null;
  orderCount?: number;
  totalCents?: number;
  frequency?: number;
  monetaryCents?: number;
  tier?: string;
  tags?: string[];
}

export async function insertFactRows(db: Db, rows: FactRow[]): Promise<void> {
  for (const r of rows) {
    const last = r.lastOrderAt ?? null;
    await sql`insert into customer_fact_rows (customer_id, as_of, order_count, total_cents, frequency, monetary_cents, first_at, last_at, tier, tags)
      values (${r.customerId}, ${new Date(r.asOf ?? Date.now()).toISOString()}::timestamptz, ${r.orderCount ?? (last ? 1 : 0)}::int, ${r.totalCents ?? 0}::bigint,
        ${r.frequency ?? 0}::int, ${r.monetaryCents ?? 0}::bigint, ${r.firstOrderAt ?? last}::timestamptz, ${last}::timestamptz,
        ${r.tier ?? 'ordinary'}::text, ${r.tags ?? []}::text[])`.execute(db);
  }
  // The stage and RFM segment stored beside the rows, as the facts refresh keeps them.
  await storeDerivedFacts(
    db,
    rows.map((r) => r.customerId),
  );
}

/** `days` days before `from` (default now), as an ISO instant. */
export const daysAgo = (days: number, from: Date | string = new Date()) => new Date(new Date(from).getTime() - days * 86_400_000).toISOString();

/**
 * Fixed RFM thresholds for the view (as the shop's default ranges: 30/60/90/180 days, 1/2/3/5
 * orders, 100/300/800/2000 yuan), so rows score without a bulk refresh.
 */
export async function useDefaultRanges(db: Db): Promise<void> {
  await sql`update facts_snapshot set rfm_r = array[30, 60, 90, 180], rfm_f = array[1, 2, 3, 5], rfm_m = array[10000, 30000, 80000, 200000]`.execute(db);
  await storeDerivedFacts(db);
}

/**
 * The customers whose stored stage or RFM segment (customer_fact_rows, server/facts/stored-derived.ts)
 * differs from what the customer_facts view derives: none, whatever wrote the snapshot.
 */
export async function storedUnlikeDerived(db: Db): Promise<string[]> {
  const { rows } = await sql<{ customer_id: string }>`select r.customer_id from customer_fact_rows r join customer_facts v using (customer_id)
    where r.stage is distinct from v.stage or r.rfm_segment is distinct from v.rfm_segment order by r.customer_id`.execute(db);
  return rows.map((r) => r.customer_id);
}
