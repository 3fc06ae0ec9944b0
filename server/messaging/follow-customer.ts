import {
  decisionFacts,
  evaluateCondition,
  eventMatchesWait,
  orderIdOf,
  parseIdempotencyKey,
  reasonOf,
  type CustomerEvent,
  type Journey,
  type MessageReason,
} from '../../engine/index';
import type { Db } from '../db/database';

/** A claimed message, as much of it as the decision needs. */
export interface FollowedMessage {
  id: string;
  journeyId: string;
  journeyVersion: number;
  customerId: string;
  idempotencyKey: string;
  createdAt: Date;
}

/** What to do with a message at the moment of delivery. */
export type DeliveryVerdict =
  | { kind: 'deliver' }
  /** The customer no longer needs it: recorded `cancelled` (or the status given) with the reason. */
  | { kind: 'cancel'; reason: MessageReason; text: string; status?: 'skipped_unsubscribed' }
  /** Not now (its journey is paused): back to the queue until the journey is resumed. */
  | { kind: 'hold'; reason: MessageReason };

const deliver: DeliveryVerdict = { kind: 'deliver' };

/**
 * A message follows its customer: whatever held it (quiet hours, the arbitration wait, a retry),
 * the dispatcher asks here, right before sending, whether it is still wanted.
 *
 * - its journey is stopped → cancelled (`journey_stopped`); paused → held until resumed;
 * - its enrolment ended because the journey was stopped or an exit criterion matched → cancelled;
 * - since the message was decided (`created_at`), the customer sent an event that is one of the
 *   journey's exit criteria (`customer_exited`) or its conversion goal (`customer_converted`; about
 *   the same order as the one that enrolled them, when both name an order) → cancelled. This also covers a customer whose enrolment had already ended normally — the
 *   message was the journey's last step — when the payment came.
 */
export class CustomerFollow {
  /** Published versions never change, so each is read once. */
  readonly #versions = new Map<string, Promise<Journey | undefined>>();

  constructor(private readonly db: Db) {}

  async verdicts(messages: FollowedMessage[]): Promise<Map<string, DeliveryVerdict>> {
    const verdicts = new Map<string, DeliveryVerdict>();
    if (messages.length === 0) return verdicts;
    const journeyIds = [...new Set(messages.map((m) => m.journeyId))];
    const workflowIds = [...new Set(messages.map((m) => parseIdempotencyKey(m.idempotencyKey)?.workflowId).filter((w): w is string => w !== undefined))];
    const [journeys, enrolments] = await Promise.all([
      this.db.selectFrom('journeys').select(['id', 'status']).where('id', 'in', journeyIds).execute(),
      workflowIds.length === 0
        ? []
        : this.db
            .selectFrom('enrolments')
            .select(['workflow_id', 'status', 'exit_reason', 'entry_event_id', 'step_run'])
            .where('workflow_id', 'in', workflowIds)
            .execute(),
    ]);
    const statusOf = new Map(journeys.map((j) => [j.id, j.status]));
    const enrolmentById = new Map(enrolments.map((e) => [e.workflow_id, e]));
    for (const m of messages) {
      const status = statusOf.get(m.journeyId);
      if (status === 'stopped') {
        verdicts.set(m.id, { kind: 'cancel', reason: reasonOf('journey_stopped'), text: 'cancelled: the journey was stopped' });
        continue;
      }
      if (status === 'paused') {
        verdicts.set(m.id, { kind: 'hold', reason: reasonOf('journey_paused') });
        continue;
      }
      const key = parseIdempotencyKey(m.idempotencyKey);
      const enrolment = key && enrolmentById.get(key.workflowId);
      // The enrolment row is the latest run's; a message of an earlier run (a re-entry since) is not judged by it.
      const sameRun = enrolment && (enrolment.step_run === null || enrolment.step_run === key.runId);
      if (enrolment && sameRun && enrolment.status === 'completed') {
        const ended = endedBy(enrolment.exit_reason);
        if (ended) {
          verdicts.set(m.id, ended);
          continue;
        }
      }
      verdicts.set(m.id, await this.#sinceDecided(m, enrolment ? enrolment.entry_event_id : undefined));
    }
    return verdicts;
  }

  /** Whether the customer did, after the message was decided, what the journey exits on or aims for. */
  async #sinceDecided(m: FollowedMessage, entryEventId: string | undefined): Promise<DeliveryVerdict> {
    const journey = await this.#version(m.journeyId, m.journeyVersion);
    const exitWhen = journey?.settings.exitWhen ?? [];
    const goal = journey?.settings.goal;
    const types = [...new Set([...exitWhen.map((w) => w.eventType), ...(goal ? [goal.eventType] : [])])];
    if (types.length === 0) return deliver;
    const events = await this.db
      .selectFrom('events')
      .select(['id', 'type', 'customer_id', 'occurred_at', 'data'])
      .where('customer_id', '=', m.customerId)
      .where('type', 'in', types)
      .where('occurred_at', '>=', m.createdAt)
      .orderBy('occurred_at')
      .limit(100)
      .execute();
    if (events.length === 0) return deliver;
    const entry = entryEventId ? await this.#event(entryEventId) : undefined;
    // A goal has no `sameOrder`, but a message about one order is still wanted when another is paid.
    const entryOrder = entry && orderIdOf(entry);
    const sameOrderOrNone = (event: CustomerEvent) => !entryOrder || !orderIdOf(event) || orderIdOf(event) === entryOrder;
    for (const row of events) {
      const event = toEvent(row);
      for (const w of exitWhen) {
        // Without the entry event, a same-order criterion cannot be judged; the others can.
        if (w.sameOrder && !entry) continue;
        if (await eventMatchesWait({ eventType: w.eventType, sameOrder: w.sameOrder, condition: w.condition, timeoutMs: 0 }, event, entry ?? event)) {
          return {
            kind: 'cancel',
            reason: reasonOf('customer_exited', { eventType: event.type }),
            text: `cancelled: the customer left the journey (${event.type})`,
          };
        }
      }
      if (
        goal &&
        goal.eventType === event.type &&
        sameOrderOrNone(event) &&
        (!goal.condition || (await evaluateCondition(goal.condition, decisionFacts({ event, customer: { id: event.customerId } }))))
      ) {
        return {
          kind: 'cancel',
          reason: reasonOf('customer_converted', { eventType: event.type }),
          text: `cancelled: the customer reached the journey's goal (${event.type})`,
        };
      }
    }
    return deliver;
  }

  #version(journeyId: string, version: number): Promise<Journey | undefined> {
    const key = `${journeyId}@${version}`;
    let found = this.#versions.get(key);
    if (!found) {
      found = this.db
        .selectFrom('journey_versions')
        .select('document')
        .where('journey_id', '=', journeyId)
        .where('version', '=', version)
        .executeTakeFirst()
        .then((r) => r?.document as Journey | undefined);
      this.#versions.set(key, found);
    }
    return found;
  }

  async #event(id: string): Promise<CustomerEvent | undefined> {
    const row = await this.db.selectFrom('events').select(['id', 'type', 'customer_id', 'occurred_at', 'data']).where('id', '=', id).executeTakeFirst();
    return row && toEvent(row);
  }
}

/** The enrolment's end, when it means the message is no longer wanted (`stopped:<node>`, `exit-when <event>:<node>`). */
function endedBy(exitReason: string | null): DeliveryVerdict | undefined {
  if (!exitReason) return undefined;
  const reason = exitReason.slice(0, Math.max(0, exitReason.lastIndexOf(':'))) || exitReason;
  if (reason === 'stopped') return { kind: 'cancel', reason: reasonOf('journey_stopped'), text: 'cancelled: the journey was stopped' };
  if (reason.startsWith('exit-when ')) {
    const eventType = reason.slice('exit-when '.length);
    return { kind: 'cancel', reason: reasonOf('customer_exited', { eventType }), text: `cancelled: the customer left the journey (${eventType})` };
  }
  return undefined;
}

function toEvent(row: { id: string; type: string; customer_id: string; occurred_at: Date; data: Record<string, unknown> }): CustomerEvent {
  return { id: row.id, type: row.type, customerId: row.customer_id, occurredAt: row.occurred_at.toISOString(), data: row.data };
}
