import type { z } from 'zod';
import type { CustomerFacts } from '../../engine/index';
// The list's query is the wire contract's (contract/customers.ts).
import { customerListQuerySchema } from '../../contract/customers';
import type { Db } from '../db/database';

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

/**
 * A page of customers from the facts snapshot (as of the last refresh), filtered by stage, tier,
 * RFM segment and tag, in id order: keyset pagination, so page N costs what page 1 does. A tag is
 * looked up in customer_tags (manual and rule tags, index on tag).
 */
export async function listCustomers(db: Db, q: CustomerListQuery): Promise<{ customers: CustomerListItem[]; nextCursor: string | null }> {
  const rows = await db
    .selectFrom('customer_facts as f')
    .leftJoin('customers as c', 'c.id', 'f.customer_id')
    .select(['f.customer_id', 'c.name', 'c.phone', 'c.email', 'c.region', 'f.stage', 'f.tier', 'f.rfm_segment', 'f.tags', 'f.facts'])
    .$if(q.stage !== undefined, (b) => b.where('f.stage', '=', q.stage!))
    .$if(q.tier !== undefined, (b) => b.where('f.tier', '=', q.tier!))
    .$if(q.rfm !== undefined, (b) => b.where('f.rfm_segment', '=', q.rfm!))
    .$if(q.tag !== undefined, (b) =>
      b.where('f.customer_id', 'in', (s) => s.selectFrom('customer_tags as t').select('t.customer_id').where('t.tag', '=', q.tag!)),
    )
    .$if(q.cursor !== undefined, (b) => b.where('f.customer_id', '>', q.cursor!))
    .orderBy('f.customer_id')
    .limit(q.limit + 1)
    .execute();
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
      facts: r.facts as unknown as CustomerFacts,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.customer_id : null,
  };
}
