import { sql } from 'kysely';
import type { ShopSettings } from '../../engine/index';
import type { Db } from '../db/database';
import type { FactsService } from './facts-service';

/** Customers moving from one value to another (`from` null: a customer without an earlier row). */
export interface Move {
  from: string | null;
  to: string | null;
  customers: number;
}

/** A fact change as the refresh would store it (fx_changes), counted: the journeys' entries are evaluated per group. */
export interface ChangeGroup {
  kind: 'stage_changed' | 'tier_changed' | 'tagged';
  from: string | null;
  to: string | null;
  tag: string | null;
  customers: number;
}

export interface FactsPreview {
  /** The moment the proposed facts are computed as of, and the stored snapshot's (the one compared with). */
  asOf: string;
  snapshotAsOf: string | null;
  stage: Move[];
  tier: Move[];
  rfmSegment: Move[];
  tags: { tag: string; added: number; removed: number }[];
  changes: ChangeGroup[];
}

/** Thrown by the rehearsal's last hook: rolls the refresh back and carries what it saw. */
class Seen extends Error {
  constructor(readonly preview: Omit<FactsPreview, 'asOf' | 'snapshotAsOf'>) {
    super('settings preview: rolled back');
  }
}

/**
 * What a full facts refresh with `proposed` settings would move, against the stored snapshot,
 * computed as that refresh computes (set-based SQL over every customer, bulk-refresh.ts) inside a
 * transaction that is rolled back: nothing is stored. Only the grouped differences come back, so
 * the answer stays small whatever the shop's size. The snapshot's moment is the last refresh's;
 * `asOf` is now, so a snapshot a day old also shows what tomorrow's refresh would move anyway.
 */
export async function previewFacts(facts: FactsService, proposed: ShopSettings, asOf: Date, snapshotAsOf: string | null): Promise<FactsPreview> {
  const empty = { stage: [], tier: [], rfmSegment: [], tags: [], changes: [] };
  // Before the first refresh nothing is compared with, and the first one announces no change.
  if (snapshotAsOf === null) return { asOf: asOf.toISOString(), snapshotAsOf, ...empty };
  try {
    await facts.rehearseRefresh(proposed, asOf, {
      before: async (trx) => {
        // The RFM segments before (fx_old, the refresh's own copy, keeps stage, tier and tags).
        await sql`create temporary table fx_preview_rfm on commit drop as
          select customer_id, rfm_segment from customer_fact_rows where rfm_segment is not null`.execute(trx);
        await sql`analyze fx_preview_rfm`.execute(trx);
      },
      after: async (trx) => {
        throw new Seen(await readDifferences(trx));
      },
    });
  } catch (e) {
    if (e instanceof Seen) return { asOf: asOf.toISOString(), snapshotAsOf, ...e.preview };
    throw e;
  }
  throw new Error('settings preview: the rehearsal ended without reading its effect');
}

async function readDifferences(trx: Db): Promise<Omit<FactsPreview, 'asOf' | 'snapshotAsOf'>> {
  // The stored stage and RFM segment (stored-derived.ts, as the view derives them), read once, then grouped.
  await sql`create temporary table fx_preview_new on commit drop as
    select n.customer_id, n.stage, n.tier, n.rfm_segment, n.tags, o.customer_id is not null as had,
      o.stage as old_stage, o.tier as old_tier, o.tags as old_tags, r.rfm_segment as old_rfm
    from customer_fact_rows n left join fx_old o on o.customer_id = n.customer_id left join fx_preview_rfm r on r.customer_id = n.customer_id`.execute(trx);
  const moves = async (column: 'stage' | 'tier', quiet: string) => {
    const [now, was] = [sql.ref(column), sql.ref(`old_${column}`)];
    return (
      await sql<Move>`select ${was} as "from", ${now} as "to", count(*)::int as customers from fx_preview_new
        where case when had then ${was} <> ${now} else ${now} <> ${quiet} end
        group by 1, 2 order by 3 desc, 1, 2`.execute(trx)
    ).rows;
  };
  const stage = await moves('stage', 'none');
  const tier = await moves('tier', 'ordinary');
  const rfmSegment = (
    await sql<Move>`select old_rfm as "from", rfm_segment as "to", count(*)::int as customers from fx_preview_new
      where rfm_segment is distinct from old_rfm
      group by 1, 2 order by 3 desc, 1, 2`.execute(trx)
  ).rows;
  const tags = (
    await sql<{
      tag: string;
      added: number;
      removed: number;
    }>`select tag, count(*) filter (where added)::int as added, count(*) filter (where not added)::int as removed
      from (
        select t.tag, true as added from fx_preview_new n cross join unnest(n.tags) as t(tag) where n.old_tags is null or not (t.tag = any(n.old_tags))
        union all
        select t.tag, false from fx_preview_new n cross join unnest(n.old_tags) as t(tag) where not (t.tag = any(n.tags))
      ) d group by tag order by tag collate "C"`.execute(trx)
  ).rows;
  const changes = (
    await sql<ChangeGroup>`select kind, from_value as "from", to_value as "to", tag, count(*)::int as customers
      from fx_changes group by 1, 2, 3, 4 order by 5 desc, 1, 2, 3, 4`.execute(trx)
  ).rows;
  return { stage, tier, rfmSegment, tags, changes };
}
