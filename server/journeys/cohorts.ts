import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { cohortWorkflowId, DEFAULT_COHORT_SIZE, type CustomerEvent } from '../../engine/index';
import type { cohortWorkflow } from '../../workflows/cohort-workflow';
import type { CohortMember } from '../../workflows/cohort-shared';
import type { Db } from '../db/database';
import type { Journeys } from './journey-store';

/** A customer admitted to a journey by a bulk entry (engine/journey/cohort.ts), on its way into a cohort. */
export interface CohortEntrant {
  journeyId: string;
  version: number;
  /** What the cohort's members entered by (cohortEntry): part of its id. */
  entry: string;
  workflowId: string;
  customerId: string;
  entryKey?: string | undefined;
  entryEventId: string;
  /** A finished enrolment entering again (the journey allows re-entry), rather than a first one. */
  reactivate: boolean;
}

export interface CohortsDeps {
  db: Db;
  journeys: Pick<Journeys, 'version'>;
  client: Client;
  taskQueue: string;
  /** Members per cohort at most (HUITOU_COHORT_SIZE). */
  size?: number | undefined;
}

/**
 * Cohorts in the database and on Temporal: `form` enrols entrants in cohorts of at most `size`
 * (the enrolment rows name their cohort, in one transaction per cohort), `start` starts a cohort's
 * workflow with the members read back from those rows. Starting is idempotent (the workflow id is
 * the cohort's), so a router that crashed between the two starts it on its next pass.
 */
export class Cohorts {
  constructor(private readonly deps: CohortsDeps) {}

  /** Enrols the entrants in cohorts per journey version and entry; the ids of the cohorts formed. */
  async form(entrants: readonly CohortEntrant[]): Promise<string[]> {
    const size = this.deps.size ?? DEFAULT_COHORT_SIZE;
    const groups = new Map<string, CohortEntrant[]>();
    for (const e of entrants) {
      const key = JSON.stringify([e.journeyId, e.version, e.entry]);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const formed: string[] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += size) {
        const id = await this.#formOne(group.slice(i, i + size));
        if (id) formed.push(id);
      }
    }
    return formed;
  }

  async #formOne(members: CohortEntrant[]): Promise<string | undefined> {
    const { journeyId, version, entry } = members[0]!;
    return this.deps.db.transaction().execute(async (tx) => {
      // The next number for this journey version and entry; the unique key refuses a number another router took meanwhile (the transaction fails and the pass is retried).
      const last = await tx
        .selectFrom('cohorts')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('journey_id', '=', journeyId)
        .where('journey_version', '=', version)
        .where('entry', '=', entry)
        .executeTakeFirst();
      const id = cohortWorkflowId(journeyId, version, entry, Number(last?.seq ?? 0) + 1);
      await tx
        .insertInto('cohorts')
        .values({ id, journey_id: journeyId, journey_version: version, entry, seq: Number(last?.seq ?? 0) + 1, members: 0 })
        .execute();
      const fresh = members.filter((m) => !m.reactivate);
      const again = members.filter((m) => m.reactivate);
      let joined = 0;
      if (fresh.length > 0) {
        const rows = await tx
          .insertInto('enrolments')
          .values(
            fresh.map((m) => ({
              workflow_id: m.workflowId,
              journey_id: journeyId,
              journey_version: version,
              customer_id: m.customerId,
              entry_key: m.entryKey ?? null,
              entry_event_id: m.entryEventId,
              status: 'active',
              cohort_id: id,
            })),
          )
          .onConflict((oc) => oc.column('workflow_id').doNothing())
          .returning('workflow_id')
          .execute();
        joined += rows.length;
      }
      for (const m of again) {
        const row = await tx
          .updateTable('enrolments')
          .set({ status: 'active', exit_reason: null, ended_at: null, journey_version: version, entry_event_id: m.entryEventId, cohort_id: id })
          .where('workflow_id', '=', m.workflowId)
          .where('status', '=', 'completed')
          .returning('workflow_id')
          .executeTakeFirst();
        if (row) joined++;
      }
      if (joined === 0) {
        await tx.deleteFrom('cohorts').where('id', '=', id).execute();
        return undefined;
      }
      await tx.updateTable('cohorts').set({ members: joined }).where('id', '=', id).execute();
      return id;
    });
  }

  /** Starts the cohort's workflow (a no-op when it was started before). */
  async start(cohortId: string): Promise<void> {
    const cohort = await this.deps.db.selectFrom('cohorts').selectAll().where('id', '=', cohortId).executeTakeFirst();
    if (!cohort) return;
    const journey = await this.deps.journeys.version(cohort.journey_id, cohort.journey_version);
    if (!journey) throw new Error(`journey ${cohort.journey_id} v${cohort.journey_version} not found for ${cohortId}`);
    const members = await this.members(cohortId);
    if (members.length === 0) return;
    try {
      await this.deps.client.workflow.start<typeof cohortWorkflow>('cohortWorkflow', {
        workflowId: cohortId,
        taskQueue: this.deps.taskQueue,
        args: [{ cohortId, journey, version: cohort.journey_version, members }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // A task of a large cohort (or its replay after the worker's cache let it go) takes longer than a lone customer's 10 s.
        workflowTaskTimeout: '1 minute',
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  /** The cohort's active members with the events they entered by, in workflow id order. */
  async members(cohortId: string): Promise<CohortMember[]> {
    const rows = await this.deps.db
      .selectFrom('enrolments as e')
      .innerJoin('events as ev', 'ev.id', 'e.entry_event_id')
      .select(['e.workflow_id', 'e.customer_id', 'ev.id', 'ev.type', 'ev.occurred_at', 'ev.data'])
      .where('e.cohort_id', '=', cohortId)
      .where('e.status', '=', 'active')
      .orderBy('e.workflow_id')
      .execute();
    return rows.map((r) => {
      const entry: CustomerEvent = { id: r.id, type: r.type, customerId: r.customer_id, occurredAt: r.occurred_at.toISOString(), data: r.data };
      return { workflowId: r.workflow_id, customerId: r.customer_id, entry };
    });
  }

  /** Where the enrolment `workflowId` is hosted: its cohort's workflow, or its own. */
  async host(workflowId: string): Promise<string> {
    const row = await this.deps.db.selectFrom('enrolments').select('cohort_id').where('workflow_id', '=', workflowId).executeTakeFirst();
    return row?.cohort_id ?? workflowId;
  }
}
