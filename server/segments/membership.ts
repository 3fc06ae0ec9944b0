import { sql } from 'kysely';
import { localDate, segmentEnteredEventType, segmentLeftEventType, type TopLevelCondition } from '../../engine/index';
import { decideInEngine } from '../audience/select-audience-page';
import type { Db } from '../db/database';
import { engineMatchPages } from './engine-pages';
import { audienceFrom, segmentEvent, segmentSql } from './segment-audience';

export interface MembershipChange {
  entered: number;
  left: number;
}

interface SegmentRow {
  id: string;
  condition: TopLevelCondition;
  members_at: Date | null;
}

/**
 * Recomputes who is in each segment from the stored facts, set-based, inside the caller's
 * transaction (the facts refresh's, or a customer's own refresh): the matching customers into a
 * temporary table, then the members added and removed by one statement each, and for each of them
 * a `segment.entered` / `segment.left` event with the id `segment:<segment>:<customer>:<entered|left>:<local day>`,
 * so a refresh run twice a day stores each once. A segment's first computation (members_at null)
 * only sets the starting point: its members are where they stand, not customers who just entered.
 * `customerIds` limits it to those customers (after their own changes); segments never computed are then left for their first.
 */
export async function recomputeSegments(
  trx: Db,
  { asOf, timezone, customerIds, segmentIds }: { asOf: Date; timezone: string; customerIds?: readonly string[]; segmentIds?: readonly string[] },
): Promise<MembershipChange> {
  let query = trx.selectFrom('segments').select(['id', 'condition', 'members_at']).orderBy('id');
  if (segmentIds) query = query.where('id', 'in', segmentIds.length > 0 ? [...segmentIds] : ['']);
  if (customerIds) query = query.where('members_at', 'is not', null);
  const segments = (await query.execute()) as SegmentRow[];
  const total: MembershipChange = { entered: 0, left: 0 };
  if (segments.length === 0 || customerIds?.length === 0) return total;
  const day = localDate(asOf, timezone);
  for (const segment of segments) {
    await matchingInto(trx, segment.condition, asOf, customerIds);
    const scope = customerIds ? sql`and m.customer_id = any(${[...customerIds]}::text[])` : sql``;
    if (segment.members_at === null) {
      await sql`insert into segment_members (segment_id, customer_id, since) select ${segment.id}, customer_id, ${asOf}::timestamptz from seg_now`.execute(trx);
    } else {
      const event = (type: string, what: string, from: string) => sql`insert into events (id, type, customer_id, occurred_at, data, received_at)
        select 'segment:' || ${segment.id}::text || ':' || customer_id || ':${sql.raw(what)}:' || ${day}::text, ${type}, customer_id, ${asOf}::timestamptz,
          jsonb_build_object('segmentId', ${segment.id}::text),
          now() + (row_number() over (order by customer_id collate "C")) * interval '1 microsecond'
        from ${sql.table(from)} on conflict (id) do nothing`;
      const entered = await sql`with added as (
          insert into segment_members (segment_id, customer_id, since) select ${segment.id}, customer_id, ${asOf}::timestamptz from seg_now
          on conflict do nothing returning customer_id)
        ${event(segmentEnteredEventType, 'entered', 'added')}`.execute(trx);
      const left = await sql`with removed as (
          delete from segment_members m where m.segment_id = ${segment.id} ${scope}
            and not exists (select 1 from seg_now n where n.customer_id = m.customer_id) returning m.customer_id)
        ${event(segmentLeftEventType, 'left', 'removed')}`.execute(trx);
      total.entered += Number(entered.numAffectedRows ?? 0);
      total.left += Number(left.numAffectedRows ?? 0);
    }
    await sql`update segments set members_at = ${asOf}::timestamptz where id = ${segment.id} and members_at is null`.execute(trx);
    await sql`drop table seg_now`.execute(trx);
  }
  return total;
}

/** The customers matching the condition now (of `customerIds` when given) into the temporary table seg_now. */
async function matchingInto(trx: Db, condition: TopLevelCondition, asOf: Date, customerIds: readonly string[] | undefined): Promise<void> {
  await sql`create temporary table seg_now (customer_id text primary key)`.execute(trx);
  const audience = await segmentSql(condition, asOf);
  if (!audience) {
    await engineMatchPages(
      trx,
      condition,
      segmentEvent(asOf),
      async (ids) => {
        if (ids.length > 0) await sql`insert into seg_now select unnest(${ids}::text[])`.execute(trx);
      },
      customerIds,
    );
    return;
  }
  const scope = customerIds ? sql`and c.id = any(${[...customerIds]}::text[])` : sql``;
  // One scan: the matches into seg_now, and back the rows SQL cannot decide (a handful), which the engine then decides.
  const { rows } = await sql<{ id: string }>`with scanned as (select c.id, ${audience.where} as v from ${audienceFrom(audience)} where true ${scope}),
      matched as (insert into seg_now select id from scanned where v returning customer_id)
    select id from scanned where v is null`.execute(trx);
  const matched = [
    ...(await decideInEngine(
      trx,
      audience,
      rows.map((r) => r.id),
    )),
  ];
  if (matched.length > 0) await sql`insert into seg_now select unnest(${matched}::text[])`.execute(trx);
}
