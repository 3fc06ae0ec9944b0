import { decisionFacts, evaluateCondition, type CustomerEvent, type TopLevelCondition } from '../../engine/index';
import { profileFields } from '../customers/customers';
import type { Db } from '../db/database';
import { storedCustomer, type StoredCustomerRow } from '../audience/stored-customer';

const PAGE = 1000;

/**
 * The customers matching a condition SQL cannot compile, decided by the engine over each stored
 * customer (as a broadcast's page does), a page of rows at a time so memory stays bounded.
 * `onPage` gets each page's matches in id order; it may return true to stop early.
 */
export async function engineMatchPages(
  db: Db,
  condition: TopLevelCondition,
  event: (customerId: string) => CustomerEvent,
  onPage: (ids: string[]) => Promise<boolean | void>,
  customerIds?: readonly string[],
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('customers as c')
      .leftJoin('customer_facts as f', 'f.customer_id', 'c.id')
      .select(['c.id', 'c.attributes', 'f.facts', ...profileFields.map((f) => `c.${f}` as const)])
      .orderBy('c.id')
      .limit(PAGE);
    if (after !== null) query = query.where('c.id', '>', after);
    if (customerIds) query = query.where('c.id', 'in', customerIds.length > 0 ? [...customerIds] : ['']);
    const rows = (await query.execute()) as StoredCustomerRow[];
    const ids: string[] = [];
    for (const row of rows) {
      if (await evaluateCondition(condition, decisionFacts({ event: event(row.id), customer: storedCustomer(row) }))) ids.push(row.id);
    }
    if ((await onPage(ids)) === true || rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}
