import { sql } from 'kysely';
import type { CustomerEvent, TopLevelCondition } from '../../engine/index';
import { sqlAudience, type SqlAudience } from '../audience/select-audience-page';

/** The event a segment's decision sees: none of the customer's own, only their id (a segment is about who they are). */
export function segmentEvent(asOf: Date): (customerId: string) => CustomerEvent {
  const occurredAt = asOf.toISOString();
  return (customerId) => ({ id: `segment:${customerId}`, type: 'segment.check', customerId, occurredAt, data: {} });
}

/** A segment's condition in SQL over the stored customers, or null when part of it must be decided customer by customer. */
export function segmentSql(condition: TopLevelCondition, asOf: Date = new Date()): Promise<SqlAudience | null> {
  return sqlAudience(condition, segmentEvent(asOf));
}

/**
 * `from customers c`, with the stored rows and the facts view joined when the audience reads them:
 * the stored values the compiled condition is rendered over (server/audience/stored-values.ts).
 */
export function audienceFrom(audience: SqlAudience) {
  const rows = audience.joins.rows ? sql`left join customer_fact_rows r on r.customer_id = c.id` : sql``;
  const view = audience.joins.view ? sql`left join customer_facts f on f.customer_id = c.id` : sql``;
  return sql`customers c ${rows} ${view}`;
}
