import { sql } from 'kysely';
import type { z } from 'zod';
import type { CustomerFacts } from '../../engine/index';
// The list's query is the wire contract's (contract/customers.ts).
import { customerListQuerySchema } from '../../contract/customers';
import type { Db } from '../db/database';
import { filterConditions, filteredFrom, lastPurchaseBounds, whereAll, withListPlan } from './customer-filter-sql';

export { customerListQuerySchema };
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export interface CustomerListItem {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  region: string | null;
  stage: string;
  tier: string;
  rfmSegment: string | null;
  tags: string[];
  facts: CustomerFacts;
}

interface Row {
  customer_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  region: string | null;
  stage: string;
  tier: string;
  rfm_segment: string | null;
  tags: string[];
  facts: unknown;
}

/**
 * A page of customers from the facts snapshot (as of the last refresh) matching every filter, in id
 * order: keyset pagination, so page N costs what page 1 does. A tag drives the page from
 * customer_tags (manual and rule tags, index on tag and customer); the other filters are
 * conditions on the snapshot's stored columns and the profile (customer-filter-sql.ts).
 */
export async function listCustomers(db: Db, q: CustomerListQuery): Promise<{ customers: CustomerListItem[]; nextCursor: string | null }> {
  const last = await lastPurchaseBounds(db, q);
  const conditions = filterConditions(q, last);
  if (q.stage !== undefined) conditions.push(sql`r.stage = ${q.stage}`);
  if (q.cursor !== undefined) conditions.push(sql`r.customer_id > ${q.cursor}`);
  const { rows } = await withListPlan(db, 'page', async (trx) => {
    const page = await sql<Omit<Row, 'facts'>>`select r.customer_id, c.name, c.phone, c.email, c.region, r.stage, r.tier, r.rfm_segment, r.tags
      ${filteredFrom(q, 'left join', q.cursor)}${whereAll(conditions)}
      order by r.customer_id limit ${q.limit + 1}`.execute(trx);
    // The facts document of the page's customers alone: the view derives it as it is read.
    const ids = page.rows.map((r) => r.customer_id);
    const facts = new Map(
      (
        await sql<{ customer_id: string; facts: unknown }>`select customer_id, facts from customer_facts where customer_id = any(${ids}::text[])`.execute(trx)
      ).rows.map((r) => [r.customer_id, r.facts]),
    );
    return { rows: page.rows.map((r): Row => ({ ...r, facts: facts.get(r.customer_id) })) };
  });
  const page = rows.slice(0, q.limit);
  return {
    customers: page.map((r) => ({
      id: r.customer_id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      region: r.region,
      stage: r.stage,
      tier: r.tier,
      rfmSegment: r.rfm_segment,
      tags: r.tags,
      facts: (typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts) as CustomerFacts,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.customer_id : null,
  };
}
