import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TopLevelCondition } from '../../engine/index';
import type { Db } from '../db/database';
import { recomputeSegments } from './membership';

export interface Segment {
  id: string;
  name: string;
  description: string;
  condition: TopLevelCondition;
  count: number;
  computedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface SegmentInput {
  name: string;
  description: string;
  condition: TopLevelCondition;
}

interface SegmentRow {
  id: string;
  name: string;
  description: string;
  condition: TopLevelCondition;
  members_at: Date | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  updated_by: string | null;
  count: string | number;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const segmentOf = (r: SegmentRow): Segment => ({
  id: r.id,
  name: r.name,
  description: r.description,
  condition: r.condition,
  count: Number(r.count),
  computedAt: r.members_at ? iso(r.members_at) : null,
  createdAt: iso(r.created_at),
  createdBy: r.created_by,
  updatedAt: iso(r.updated_at),
  updatedBy: r.updated_by,
});

/** Saved segments; counts are their stored members (segment_members), one index count each. */
export class Segments {
  constructor(
    private readonly db: Db,
    private readonly timezone: () => Promise<string>,
  ) {}

  async list(): Promise<Segment[]> {
    return (await this.select()).map(segmentOf);
  }

  async get(id: string): Promise<Segment | undefined> {
    const [row] = await this.select(id);
    return row && segmentOf(row);
  }

  /** The condition alone, for a broadcast reading its segment as it runs. */
  async condition(id: string): Promise<TopLevelCondition | undefined> {
    const row = await this.db.selectFrom('segments').select('condition').where('id', '=', id).executeTakeFirst();
    return row?.condition as TopLevelCondition | undefined;
  }

  async create(input: SegmentInput, by: string | null): Promise<Segment> {
    const id = `seg_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    // Read before the transaction: on the embedded database it holds the only connection.
    const timezone = await this.timezone();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('segments')
        .values({
          id,
          name: input.name,
          description: input.description,
          condition: JSON.stringify(input.condition),
          created_by: by,
          updated_by: by,
          updated_at: new Date(),
        })
        .execute();
      await recomputeSegments(trx, { asOf: new Date(), timezone, segmentIds: [id] });
    });
    return (await this.get(id))!;
  }

  /** A changed condition starts the membership again from where customers stand (no one announced by the edit). */
  async update(id: string, input: SegmentInput, by: string | null): Promise<Segment | undefined> {
    const timezone = await this.timezone();
    const found = await this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('segments').select('condition').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!old) return false;
      const changed = JSON.stringify(old.condition) !== JSON.stringify(input.condition);
      await trx
        .updateTable('segments')
        .set({
          name: input.name,
          description: input.description,
          condition: JSON.stringify(input.condition),
          updated_by: by,
          updated_at: new Date(),
          ...(changed ? { members_at: null } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (changed) {
        await trx.deleteFrom('segment_members').where('segment_id', '=', id).execute();
        await recomputeSegments(trx, { asOf: new Date(), timezone, segmentIds: [id] });
      }
      return true;
    });
    return found ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('segments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private async select(id?: string): Promise<SegmentRow[]> {
    const { rows } = await sql<SegmentRow>`select s.*, (select count(*) from segment_members m where m.segment_id = s.id) as count
      from segments s ${id === undefined ? sql`` : sql`where s.id = ${id}`} order by s.created_at, s.id`.execute(this.db);
    return rows;
  }
}
