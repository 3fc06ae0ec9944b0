import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Stores in customer_fact_rows the stage and RFM segment the customer_facts view derives now
 * (migration 0023-stored-stage), for `customerIds` or every row: only the rows whose stored values
 * differ are written. Called in the same transaction after anything that moves what the view
 * derives — rows written, or the view's parameters (facts_snapshot) — so readers of the stored
 * columns (the audience SQL, the customers list and its counts, the refresh's change records)
 * always see what the view would say.
 */
export async function storeDerivedFacts(trx: Db, customerIds?: readonly string[]): Promise<number> {
  const only = customerIds === undefined ? sql`` : sql`and r.customer_id = any(${[...customerIds]}::text[])`;
  const result = await sql`update customer_fact_rows r set stage = v.stage, rfm_segment = v.rfm_segment
    from customer_facts v
    where v.customer_id = r.customer_id ${only}
      and (r.stage is distinct from v.stage or r.rfm_segment is distinct from v.rfm_segment)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
