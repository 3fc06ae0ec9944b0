import type { Journey, JourneyStatus } from '../../engine/index';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { followJourneyStatus } from '../messaging/journey-messages';

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  version: number;
  updatedAt: string;
}

export class JourneyExistsError extends Error {}

/** Journey drafts and their immutable published versions. */
export class Journeys {
  constructor(private readonly db: Db) {}

  async list(): Promise<JourneySummary[]> {
    const rows = await this.db.selectFrom('journeys').select(['id', 'name', 'status', 'version', 'updated_at']).orderBy('updated_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, status: r.status as JourneyStatus, version: r.version, updatedAt: r.updated_at.toISOString() }));
  }

  async get(id: string): Promise<Journey | undefined> {
    const row = await this.db.selectFrom('journeys').select('document').where('id', '=', id).executeTakeFirst();
    return row?.document as Journey | undefined;
  }

  async create(journey: Journey): Promise<Journey> {
    const doc: Journey = { ...journey, status: 'draft', version: 0 };
    const inserted = await this.db
      .insertInto('journeys')
      .values({ id: doc.id, name: doc.name, status: doc.status, version: doc.version, document: json(doc), updated_at: new Date() })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new JourneyExistsError(`a journey with id "${doc.id}" already exists`);
    return doc;
  }

  /** Saves the draft. Status and version are the server's: a save never publishes or unpublishes. */
  async update(journey: Journey): Promise<Journey | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('journeys').select(['status', 'version']).where('id', '=', journey.id).forUpdate().executeTakeFirst();
      if (!current) return undefined;
      const doc: Journey = { ...journey, status: current.status as JourneyStatus, version: current.version };
      await tx
        .updateTable('journeys')
        .set({ name: doc.name, document: json(doc), updated_at: new Date() })
        .where('id', '=', doc.id)
        .execute();
      return doc;
    });
  }

  /**
   * Freezes the current draft as the next version and makes it live. `stamp` adds what the
   * published version carries beyond the draft (node type versions, activity options); the draft
   * itself is stored without it, so it keeps following the latest node versions.
   */
  async publish(id: string, stamp: (draft: Journey) => Journey = (d) => d): Promise<{ journey: Journey; version: number } | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('journeys').select(['document', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) return undefined;
      const version = row.version + 1;
      const draft: Journey = { ...(row.document as Journey), status: 'live', version };
      const doc = stamp(draft);
      await tx
        .insertInto('journey_versions')
        .values({ journey_id: id, version, document: json(doc) })
        .execute();
      await tx
        .updateTable('journeys')
        .set({ status: 'live', version, document: json(draft), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await followJourneyStatus(tx, id, 'live');
      return { journey: doc, version };
    });
  }

  async setStatus(id: string, status: JourneyStatus): Promise<Journey | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('journeys').select('document').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) return undefined;
      const doc: Journey = { ...(row.document as Journey), status };
      await tx
        .updateTable('journeys')
        .set({ status, document: json(doc), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      // Its undelivered messages follow: cancelled when stopped, woken when live again.
      await followJourneyStatus(tx, id, status);
      return doc;
    });
  }

  async versions(id: string): Promise<{ version: number; publishedAt: string }[]> {
    const rows = await this.db.selectFrom('journey_versions').select(['version', 'published_at']).where('journey_id', '=', id).orderBy('version').execute();
    return rows.map((r) => ({ version: r.version, publishedAt: r.published_at.toISOString() }));
  }

  /** The published versions, newest first, with how many steps each has (counted by the database, not by loading every document). */
  async versionHistory(id: string): Promise<{ version: number; publishedAt: string; nodes: number }[]> {
    const rows = await this.db
      .selectFrom('journey_versions')
      .select(['version', 'published_at', sql<number>`jsonb_array_length(document->'nodes')`.as('nodes')])
      .where('journey_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ version: r.version, publishedAt: r.published_at.toISOString(), nodes: Number(r.nodes) }));
  }

  async versionRow(id: string, version: number): Promise<{ journey: Journey; publishedAt: string } | undefined> {
    const row = await this.db
      .selectFrom('journey_versions')
      .select(['document', 'published_at'])
      .where('journey_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? { journey: row.document as Journey, publishedAt: row.published_at.toISOString() } : undefined;
  }

  async version(id: string, version: number): Promise<Journey | undefined> {
    const row = await this.db.selectFrom('journey_versions').select('document').where('journey_id', '=', id).where('version', '=', version).executeTakeFirst();
    return row?.document as Journey | undefined;
  }

  /** The latest published version of every journey that is live or paused. */
  async published(): Promise<{ journey: Journey; version: number; status: JourneyStatus }[]> {
    const rows = await this.db
      .selectFrom('journeys as j')
      .innerJoin('journey_versions as v', (join) => join.onRef('v.journey_id', '=', 'j.id').onRef('v.version', '=', 'j.version'))
      .select(['v.document', 'j.version', 'j.status'])
      .where('j.status', 'in', ['live', 'paused'])
      .execute();
    return rows.map((r) => ({ journey: r.document as Journey, version: r.version, status: r.status as JourneyStatus }));
  }
}
