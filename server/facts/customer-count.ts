import { sql } from 'kysely';
import type { CustomerFilter } from '../../contract/customer-filters';
import { lifecycleStages, type LifecycleStage } from '../../engine/index';
import type { Db } from '../db/database';
import { filterConditions, filteredFrom, lastPurchaseBounds, whereAll, withListPlan } from './customer-filter-sql';

/**
 * How many customers of the snapshot match the filters, and how many of those (stage filter left
 * out) are at each stage: one statement grouped by stage, so the filter bar's counts cost what
 * the total does.
 */
export async function countCustomers(db: Db, q: CustomerFilter): Promise<{ count: number; byStage: Record<LifecycleStage, number> }> {
  const last = await lastPurchaseBounds(db, q);
  const { rows } = await withListPlan(db, 'count', (trx) =>
    sql<{ stage: string; n: string | number }>`select r.stage, count(*) as n
    ${filteredFrom(q, 'none')}${whereAll(filterConditions(q, last))} group by r.stage`.execute(trx),
  );
  const byStage = Object.fromEntries(lifecycleStages.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  for (const r of rows) byStage[r.stage as LifecycleStage] = Number(r.n);
  const count = q.stage !== undefined ? byStage[q.stage] : Object.values(byStage).reduce((a, b) => a + b, 0);
  return { count, byStage };
}
