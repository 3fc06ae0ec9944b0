import { sql } from 'kysely';
import { localDate, type FactChange, type LifecycleStage, type TierId } from '../../engine/index';
import type { Db } from '../db/database';

/** One change as fx_changes holds it (kind and its values), for reading back. */
interface ChangeRow {
  customer_id: string;
  kind: FactChange['kind'];
  from_value: string | null;
  to_value: string | null;
  tag: string | null;
}

export interface RecordedChanges {
  changes: FactChange[];
  /** Events stored (a change already stored that day, by a retried refresh, is not stored again). */
  eventsStored: number;
}

/**
 * The changes of the new snapshot (customer_facts) against the previous one (fx_old), stored as
 * events in the refresh's own transaction — so a refresh never commits without its events, nor
 * stores them twice — and returned. The events are exactly what engine's factChangeEvents makes of
 * the same changes (ids per customer, change and local day; the types, data and moment), so the
 * per-customer path and this one store a change once between them.
 *
 * A customer without an earlier row changes from nothing where there is something (a stage other
 * than `none`, a tier other than `ordinary`, each tag) — but only once a bulk snapshot exists. The
 * first one sets everyone's starting point: a shop's imported history is where its customers stand,
 * not something that just happened to them, and announcing it would start every journey on a
 * stage, tier or tag for the whole customer base at once.
 */
export async function recordChanges(trx: Db, asOf: Date, timezone: string, firstSnapshot: boolean): Promise<RecordedChanges> {
  const fresh = firstSnapshot ? sql`false` : sql`(n.stage <> 'none' or n.tier <> 'ordinary' or cardinality(n.tags) > 0)`;
  // One row per change, in the order factChangeEvents gives a customer's (stage, tier, each new tag).
  await sql`create temporary table fx_changes on commit drop as
    with moved as (
      select n.customer_id, o.customer_id is not null as had, o.stage as old_stage, n.stage, o.tier as old_tier, n.tier, o.tags as old_tags, n.tags
      from customer_fact_rows n left join fx_old o on o.customer_id = n.customer_id
      where (o.customer_id is null and ${fresh})
         or (o.customer_id is not null and (o.stage <> n.stage or o.tier <> n.tier or not (n.tags <@ o.tags)))
    )
    select customer_id, 'stage_changed'::text as kind, old_stage as from_value, stage as to_value, null::text as tag, 0 as ord from moved
      where case when had then old_stage <> stage else stage <> 'none' end
    union all
    select customer_id, 'tier_changed', old_tier, tier, null, 1 from moved
      where case when had then old_tier <> tier else tier <> 'ordinary' end
    union all
    select m.customer_id, 'tagged', null, null, t.tag, 2 from moved m cross join unnest(m.tags) as t(tag)
      where m.old_tags is null or not (t.tag = any(m.old_tags))`.execute(trx);
  const day = localDate(asOf, timezone);
  // Received a microsecond apart in the order above, so the router takes them in that order.
  const stored = await sql`insert into events (id, type, customer_id, occurred_at, data, received_at)
    select 'facts:' || customer_id || ':' || kind || ':' || case when kind = 'tagged' then 'tag:' || tag else coalesce(from_value, 'none') || '->' || to_value end || ':' || ${day}::text,
      'customer.' || kind, customer_id, ${asOf}::timestamptz,
      case when kind = 'tagged' then jsonb_build_object('tag', tag) else jsonb_build_object('from', from_value, 'to', to_value) end,
      now() + (row_number() over (order by customer_id collate "C", ord, tag collate "C")) * interval '1 microsecond'
    from fx_changes
    on conflict (id) do nothing`.execute(trx);
  const { rows } =
    await sql<ChangeRow>`select customer_id, kind, from_value, to_value, tag from fx_changes order by customer_id collate "C", ord, tag collate "C"`.execute(
      trx,
    );
  return { changes: rows.map(changeOf), eventsStored: Number(stored.numAffectedRows ?? 0) };
}

function changeOf(row: ChangeRow): FactChange {
  const customerId = row.customer_id;
  if (row.kind === 'tagged') return { customerId, kind: 'tagged', tag: row.tag! };
  if (row.kind === 'stage_changed')
    return { customerId, kind: 'stage_changed', from: row.from_value as LifecycleStage | null, to: row.to_value as LifecycleStage };
  return { customerId, kind: 'tier_changed', from: row.from_value as TierId | null, to: row.to_value as TierId };
}

/** One customer's stored facts before and after (the per-customer refresh). */
export interface CustomerChangeRow {
  customer_id: string;
  had: boolean;
  old_stage: string | null;
  stage: string;
  old_tier: string | null;
  tier: string;
  added: string[] | null;
}

/** The changes of one customer (the per-customer refresh): a first row counts only where it is not `none` / `ordinary`. */
export function changesOf(row: CustomerChangeRow): FactChange[] {
  const changes: FactChange[] = [];
  const id = row.customer_id;
  if (row.had ? row.old_stage !== row.stage : row.stage !== 'none') {
    changes.push({ customerId: id, kind: 'stage_changed', from: (row.had ? row.old_stage : null) as LifecycleStage | null, to: row.stage as LifecycleStage });
  }
  if (row.had ? row.old_tier !== row.tier : row.tier !== 'ordinary') {
    changes.push({ customerId: id, kind: 'tier_changed', from: (row.had ? row.old_tier : null) as TierId | null, to: row.tier as TierId });
  }
  for (const tag of row.added ?? []) changes.push({ customerId: id, kind: 'tagged', tag });
  return changes;
}
