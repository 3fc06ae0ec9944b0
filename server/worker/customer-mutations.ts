import { sql } from 'kysely';
import { higherTier, tierIds, type CustomerMutations, type TierId } from '../../engine/index';
import type { Db } from '../db/database';
import { addManualTag, removeManualTag } from '../facts/manual-tags';

/**
 * What journey actions may change on a customer. Each change is idempotent by nature (a tag set
 * twice is one tag), so a retried activity needs no key of its own here.
 */
export function customerMutations(db: Db): CustomerMutations {
  const ensureCustomer = (id: string) =>
    db
      .insertInto('customers')
      .values({ id, attributes: sql`'{}'::jsonb`, updated_at: new Date() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  return {
    async addTags(customerId, tags) {
      await ensureCustomer(customerId);
      for (const tag of tags) await addManualTag(db, customerId, tag);
    },
    async removeTags(customerId, tags) {
      for (const tag of tags) await removeManualTag(db, customerId, tag);
    },
    async setAttribute(customerId, name, value) {
      await ensureCustomer(customerId);
      // The step sets the value as of now, and records that time like an event would
      // (server/customers/customers.ts): an event dated earlier that arrives later leaves it alone.
      const now = new Date();
      await db
        .updateTable('customers')
        .set({
          attributes: sql`customers.attributes || jsonb_build_object(${name}::text, ${JSON.stringify(value ?? null)}::jsonb)`,
          field_set_at: sql`customers.field_set_at || jsonb_build_object(${`attributes.${name}`}::text, ${now.toISOString()}::text)`,
          latest_set_at: sql`greatest(customers.latest_set_at, ${now}::timestamptz)`,
          updated_at: now,
        })
        .where('id', '=', customerId)
        .execute();
    },
    async raiseTier(customerId, tier) {
      if (!tierIds.includes(tier as TierId)) throw new Error(`unknown tier "${tier}"; tiers are ${tierIds.join(', ')}`);
      await ensureCustomer(customerId);
      // The tier the customer keeps is the higher of the profile's and the one their facts were
      // raised to (server/facts/customer-inputs.ts); only a step above both changes anything.
      const { rows } = await sql<{ tier: string | null; row_tier: string | null }>`select c.tier,
          (select f.tier from customer_fact_rows f where f.customer_id = c.id) as row_tier
        from customers c where c.id = ${customerId}`.execute(db);
      const row = rows[0]!;
      const before = higherTier((row.tier ?? 'ordinary') as TierId, (row.row_tier ?? 'ordinary') as TierId);
      const after = higherTier(tier as TierId, before);
      if (after === before && (row.tier !== null || row.row_tier !== null)) return { tier: after, changed: false };
      await db.updateTable('customers').set({ tier: after, updated_at: new Date() }).where('id', '=', customerId).execute();
      return { tier: after, changed: after !== before };
    },
  };
}
