import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

export interface EnrolmentRow {
  workflowId: string;
  journeyId: string;
  journeyVersion: number;
  customerId: string;
  status: string;
  /** When it ended (ISO 8601); null while active. */
  endedAt?: string | null;
  exitReason?: string | null;
  /** The cohort workflow hosting the enrolment; null or absent when it runs in a workflow of its own. */
  cohortId?: string | null;
  entryEventId?: string;
}

/** The workflow to signal for an enrolment: its cohort's while it is in one, else its own. */
export function hostOf(e: Pick<EnrolmentRow, 'workflowId' | 'cohortId'>): string {
  return e.cohortId ?? e.workflowId;
}

/** Who is in which journey; the event router signals the active ones. */
export class Enrolments {
  constructor(private readonly db: Db) {}

  async recordStart(e: {
    workflowId: string;
    journeyId: string;
    journeyVersion: number;
    customerId: string;
    entryKey?: string | undefined;
    entryEventId: string;
  }): Promise<boolean> {
    const inserted = await this.db
      .insertInto('enrolments')
      .values({
        workflow_id: e.workflowId,
        journey_id: e.journeyId,
        journey_version: e.journeyVersion,
        customer_id: e.customerId,
        entry_key: e.entryKey ?? null,
        entry_event_id: e.entryEventId,
        status: 'active',
      })
      .onConflict((oc) => oc.column('workflow_id').doNothing())
      .returning('workflow_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Marks a finished enrolment; a later re-entry (if the journey allows it) becomes active again. */
  async recordExit(workflowId: string, reason: string): Promise<void> {
    await this.db
      .updateTable('enrolments')
      .set({ status: 'completed', exit_reason: reason, ended_at: new Date() })
      .where('workflow_id', '=', workflowId)
      .execute();
  }

  async reactivate(workflowId: string, journeyVersion: number, entryEventId: string): Promise<void> {
    await this.db
      .updateTable('enrolments')
      .set({ status: 'active', exit_reason: null, ended_at: null, journey_version: journeyVersion, entry_event_id: entryEventId })
      .where('workflow_id', '=', workflowId)
      .execute();
  }

  async find(workflowId: string): Promise<EnrolmentRow | undefined> {
    const r = await this.db.selectFrom('enrolments').selectAll().where('workflow_id', '=', workflowId).executeTakeFirst();
    return r && storedRow(r);
  }

  /** The enrolments under many workflow ids in one statement (a routing pass's bulk entries), by id; ids without one are absent. */
  async findMany(workflowIds: readonly string[]): Promise<Map<string, EnrolmentRow>> {
    const found = new Map<string, EnrolmentRow>();
    for (let i = 0; i < workflowIds.length; i += FIND_CHUNK) {
      const ids = workflowIds.slice(i, i + FIND_CHUNK);
      const rows = await this.db.selectFrom('enrolments').selectAll().where('workflow_id', 'in', ids).execute();
      for (const r of rows) found.set(r.workflow_id, storedRow(r));
    }
    return found;
  }

  /** The active enrolments of many customers in one statement (the router's pass), by customer. */
  async activeForCustomers(customerIds: readonly string[]): Promise<Map<string, EnrolmentRow[]>> {
    const found = new Map<string, EnrolmentRow[]>();
    if (customerIds.length === 0) return found;
    const rows = await this.db
      .selectFrom('enrolments')
      .select(['workflow_id', 'journey_id', 'journey_version', 'customer_id', 'status', 'cohort_id'])
      .where('customer_id', 'in', [...customerIds])
      .where('status', '=', 'active')
      .execute();
    for (const r of rows) {
      const list = found.get(r.customer_id) ?? [];
      list.push(activeRow(r));
      found.set(r.customer_id, list);
    }
    return found;
  }

  async activeForCustomer(customerId: string): Promise<EnrolmentRow[]> {
    const rows = await this.db.selectFrom('enrolments').selectAll().where('customer_id', '=', customerId).where('status', '=', 'active').execute();
    return rows.map(activeRow);
  }

  /** The workflows hosting the journey's active enrolments: each cohort once, and each enrolment on its own. */
  async activeForJourney(journeyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .select((eb) => eb.fn.coalesce('cohort_id', 'workflow_id').as('host'))
      .distinct()
      .where('journey_id', '=', journeyId)
      .where('status', '=', 'active')
      .execute();
    return rows.map((r) => r.host);
  }

  /** Marks the enrolment, or every active member of the cohort, of a workflow that is gone as finished. */
  async recordHostExit(host: string, reason: string): Promise<void> {
    await this.db
      .updateTable('enrolments')
      .set({ status: 'completed', exit_reason: reason, ended_at: new Date() })
      .where((eb) => eb.or([eb('workflow_id', '=', host), eb('cohort_id', '=', host)]))
      .where('status', '=', 'active')
      .execute();
  }

  async count(filter: { journeyId?: string; customerId?: string }): Promise<number> {
    let q = this.db.selectFrom('enrolments').select((eb) => eb.fn.countAll<string>().as('n'));
    if (filter.journeyId) q = q.where('journey_id', '=', filter.journeyId);
    if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** Ids per statement of `findMany`: far below PostgreSQL's limit of parameters. */
const FIND_CHUNK = 1000;

function storedRow(r: Selectable<Database['enrolments']>): EnrolmentRow {
  return {
    ...activeRow(r),
    endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    exitReason: r.exit_reason,
    entryEventId: r.entry_event_id,
  };
}

/** An active enrolment as the router reads it. */
function activeRow(r: {
  workflow_id: string;
  journey_id: string;
  journey_version: number;
  customer_id: string;
  status: string;
  cohort_id: string | null;
}): EnrolmentRow {
  return {
    workflowId: r.workflow_id,
    journeyId: r.journey_id,
    journeyVersion: r.journey_version,
    customerId: r.customer_id,
    status: r.status,
    cohortId: r.cohort_id,
  };
}
