import type { Db } from '../db/database';

/** Adds a manual tag; false when the customer already had it. */
export async function addManualTag(db: Db, customerId: string, tag: string): Promise<boolean> {
  const result = await db
    .insertInto('customer_tags')
    .values({ customer_id: customerId, tag, source: 'manual' })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a manual tag (a rule's tag of the same name stays while its rule holds); false when absent. */
export async function removeManualTag(db: Db, customerId: string, tag: string): Promise<boolean> {
  const result = await db
    .deleteFrom('customer_tags')
    .where('customer_id', '=', customerId)
    .where('tag', '=', tag)
    .where('source', '=', 'manual')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
