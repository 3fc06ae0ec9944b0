import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  admission,
  allowsReEntry,
  awaitedEventTypes,
  cohortEntry,
  entersInCohort,
  entryFor,
  journeyLane,
  type CustomerEvent,
  type Journey,
  type NodeRegistry,
} from '../../engine/index';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { memberEventSignal } from '../../workflows/cohort-shared';
import { eventSignal } from '../../workflows/shared';
import type { Logger } from '../logger';
import { laneTaskQueue } from '../temporal/task-queues';
import type { Cohorts, CohortEntrant } from './cohorts';
import type { EnrolmentRow, Enrolments } from './enrolments';
import type { Events } from '../events/event-log';
import type { Journeys } from './journey-store';
import type { Conversions } from './conversions';
import type { RoutingLock } from './routing-lock';

export interface EventRouterDeps {
  client: Client;
  /** The installation's task queue (HUITOU_TASK_QUEUE); each enrolment goes to its lane's queue. */
  taskQueue: string;
  registry: NodeRegistry;
  journeys: Journeys;
  events: Events;
  enrolments: Enrolments;
  log: Logger;
  /** Runs before an event is routed (e.g. to refresh the customer's facts it may change). */
  beforeRoute?: (event: CustomerEvent) => Promise<void>;
  /** Runs once before a pass's events are routed, with all of them (e.g. to refresh their customers' facts at once). */
  beforeBatch?: (events: readonly CustomerEvent[]) => Promise<void>;
  /** Records the event as a conversion of journeys whose goal it is. */
  conversions?: Conversions | undefined;
  /** Several API processes on one database: one routes at a time (server/journeys/routing-lock.ts). */
  lock?: RoutingLock | undefined;
  /** Where bulk entries (engine/journey/cohort.ts) go together; absent, every customer gets a workflow of their own. */
  cohorts?: Cohorts | undefined;
}

/** A bulk entry a routing pass gathered; whether it joins a cohort is decided with the pass's others. */
interface BulkEntry {
  journey: Journey;
  version: number;
  event: CustomerEvent;
  workflowId: string;
  entryKey: string | undefined;
}

/** What a routing pass gathers for cohorts: its bulk entries, and the events that carry them (routed once they are enrolled). */
interface CohortGathering {
  entries: BulkEntry[];
  held: Set<string>;
}

/**
 * Turns stored events into journey work: an event that matches a live journey's trigger enrols its
 * customer (signalWithStart on a deterministic workflow id, so duplicates enrol once); an event a
 * running journey waits for reaches it as a signal. Events are routed from the event log in arrival
 * order per customer (several customers at a time), so an event acknowledged while Temporal is
 * down is routed when it is back.
 */
/** Events read per routing pass, and how many customers' events are routed at once. */
const ROUTE_BATCH = 500;
const ROUTE_LANES = 8;
/** How long a pass waits at most for the event log's writers to be done (see giveWayTo). */
const GIVE_WAY_MS = 250;

export class EventRouter {
  #draining: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  #writersBusy: (() => boolean) | undefined;

  constructor(private readonly deps: EventRouterDeps) {}

  /**
   * Storing comes first: while `busy` says events wait to be stored, each routing pass waits (up to
   * GIVE_WAY_MS), so under a burst the 202s keep their pace and routing catches up after. It
   * matters most on the embedded database, whose statements all run in this thread.
   */
  giveWayTo(busy: () => boolean): void {
    this.#writersBusy = busy;
  }

  /** Routes everything not yet routed; concurrent calls share one pass. */
  kick(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      try {
        do {
          this.#again = false;
          const { lock } = this.deps;
          if (!lock) await this.#drain();
          // Another process is routing: it may have read just before our event was stored, so look
          // again shortly rather than at the next periodic pass.
          else if (!(await lock(() => this.#drain()))) this.#retrySoon();
        } while (this.#again);
      } finally {
        this.#draining = undefined;
      }
    })();
    return this.#draining;
  }

  #retrySoon(): void {
    setTimeout(() => void (this.#stopped ? undefined : this.kick().catch(() => undefined)), 250).unref();
  }

  /** Retries unrouted events periodically (e.g. after Temporal was unreachable). */
  start(intervalMs = 2000): void {
    this.#timer = setInterval(() => void this.kick().catch((e) => this.deps.log.warn({ err: e }, 'event routing pass failed')), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#draining?.catch(() => undefined);
  }

  async #drain(): Promise<void> {
    for (;;) {
      for (const until = Date.now() + GIVE_WAY_MS; this.#writersBusy?.() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
      const batch = await this.deps.events.unrouted(ROUTE_BATCH);
      if (batch.length === 0) return;
      // Order matters within a customer (a payment after its order), not across customers: each
      // customer's events go in arrival order, several customers at a time, so a broadcast's
      // thousands of entries do not wait on one round trip to Temporal each.
      const byCustomer = new Map<string, CustomerEvent[]>();
      for (const e of batch) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
      const published = await this.deps.journeys.published();
      await this.deps.beforeBatch?.(batch);
      // The customers' active enrolments, read once for the pass; a customer's list is read again
      // after one of their events enrolled them, so their next event reaches that enrolment.
      const active = await this.deps.enrolments.activeForCustomers([...byCustomer.keys()]);
      let failed = false;
      // Marked in one statement after the pass; routing again after a crash in between is harmless
      // (deterministic workflow ids, signals the journey knows by event id).
      const routed: string[] = [];
      const gathering: CohortGathering = { entries: [], held: new Set() };
      const queue = [...byCustomer.values()];
      const lane = async () => {
        for (let events = queue.shift(); events; events = queue.shift()) {
          let enrolled = active.get(events[0]!.customerId) ?? [];
          for (const event of events) {
            try {
              await this.deps.beforeRoute?.(event);
              const entered = await this.route(event, published, enrolled, gathering);
              // Gathered for a cohort: marked routed once the cohort has started, and the customer's
              // later events wait for the next pass, so they reach the cohort after it started.
              if (gathering.held.has(event.id)) break;
              if (entered > 0) enrolled = await this.deps.enrolments.activeForCustomer(event.customerId);
              routed.push(event.id);
            } catch (e) {
              // Leave it unrouted, and the customer's later events with it; the next pass tries again.
              failed = true;
              await this.deps.events.markRoutingFailed(event.id, String((e as Error).message));
              this.deps.log.warn({ eventId: event.id, err: (e as Error).message }, 'event routing failed; will retry');
              break;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(ROUTE_LANES, queue.length) }, lane));
      await this.deps.events.markAllRouted(routed);
      if (gathering.held.size > 0 && !(await this.#startCohorts(gathering))) failed = true;
      if (failed) return;
    }
  }

  /**
   * Enrols the pass's bulk entries: the ones admission lets in form cohorts, which are started;
   * then their events are marked routed. False when that failed (the next pass retries).
   */
  async #startCohorts(gathering: CohortGathering): Promise<boolean> {
    const { cohorts, events, log } = this.deps;
    try {
      const { entrants, restart } = await this.#admit(gathering.entries);
      const formed = await cohorts!.form(entrants);
      for (const id of [...formed, ...restart]) await cohorts!.start(id);
      await events.markAllRouted([...gathering.held]);
      if (formed.length > 0) log.info({ cohorts: formed.length, customers: entrants.length }, 'customers enrolled in cohorts');
      return true;
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'starting cohorts failed; will retry');
      return false;
    }
  }

  /**
   * Admission for a pass's bulk entries, their known enrolments read in one statement: those let in
   * become cohort entrants; an entry whose event formed a cohort on an earlier pass that stopped
   * before starting it names that cohort to restart; any other goes the way of a lone customer's
   * entry (a running enrolment hears the event, a refused one nothing).
   */
  async #admit(entries: readonly BulkEntry[]): Promise<{ entrants: CohortEntrant[]; restart: Set<string> }> {
    const entrants: CohortEntrant[] = [];
    const restart = new Set<string>();
    const known = await this.deps.enrolments.findMany(entries.map((e) => e.workflowId));
    for (const { journey, version, event, workflowId, entryKey } of entries) {
      const found = known.get(workflowId);
      const decision = admission(found, journey.settings, event.occurredAt);
      if (decision === 'start' || decision === 'reactivate') {
        const entry = cohortEntry(event, entryKey);
        entrants.push({
          journeyId: journey.id,
          version,
          entry,
          workflowId,
          customerId: event.customerId,
          entryKey,
          entryEventId: event.id,
          reactivate: decision === 'reactivate',
        });
      } else if (decision === 'signal' && found?.cohortId && found.entryEventId === event.id) restart.add(found.cohortId);
      else await this.#enrol(journey, version, event, workflowId, entryKey, found ?? null);
    }
    return { entrants, restart };
  }

  /**
   * Routes one event; `published` (the journeys' live versions) and the customer's active
   * enrolments may be passed in by a batch. Answers how many journeys the event enrolled in. With
   * `gathering`, a bulk entry is gathered there for a cohort (its event id in `held`) instead of started.
   */
  async route(
    event: CustomerEvent,
    published?: Awaited<ReturnType<Journeys['published']>>,
    active?: readonly EnrolmentRow[],
    gathering?: CohortGathering,
  ): Promise<number> {
    const { journeys, registry, enrolments } = this.deps;
    const entered = new Set<string>();
    published ??= await journeys.published();
    // Before enrolling: an event that is a goal credits the messages sent before it, not after.
    await this.deps.conversions?.attribute(event, published);
    for (const { journey, version, status } of published) {
      if (status !== 'live') continue;
      const entry = await entryFor(journey, registry, event);
      if (!entry) continue;
      entered.add(entry.workflowId);
      if (gathering && this.deps.cohorts && entersInCohort(event)) {
        // Admitted with the pass's other bulk entries, in one read (#admit).
        gathering.entries.push({ journey, version, event, workflowId: entry.workflowId, entryKey: entry.entryKey });
        gathering.held.add(event.id);
        continue;
      }
      await this.#enrol(journey, version, event, entry.workflowId, entry.entryKey);
    }
    // Running journeys that wait for this kind of event hear about it.
    for (const enrolment of active ?? (await enrolments.activeForCustomer(event.customerId))) {
      if (entered.has(enrolment.workflowId)) continue;
      const journey = await this.#versionDocument(enrolment.journeyId, enrolment.journeyVersion);
      if (!journey || !awaitedEventTypes(journey, registry).includes(event.type)) continue;
      await this.#signal(enrolment, event);
    }
    return entered.size;
  }

  /** A lone customer's entry; `found` is the enrolment under the id when the caller read it already (null: none). */
  async #enrol(
    journey: Journey,
    version: number,
    event: CustomerEvent,
    workflowId: string,
    entryKey: string | undefined,
    found?: EnrolmentRow | null,
  ): Promise<void> {
    const { enrolments, client, taskQueue, log } = this.deps;
    const known = found === undefined ? await enrolments.find(workflowId) : (found ?? undefined);
    const decision = admission(known, journey.settings, event.occurredAt);
    if (decision === 'refuse') return;
    // Running in a cohort: the enrolment hears the event through it, as a running lone one would.
    if (decision === 'signal' && known?.cohortId) return this.#signal(known, event);
    if (decision === 'reactivate') await enrolments.reactivate(workflowId, version, event.id);
    else if (decision === 'start')
      await enrolments.recordStart({
        workflowId,
        journeyId: journey.id,
        journeyVersion: version,
        customerId: event.customerId,
        entryKey,
        entryEventId: event.id,
      });
    try {
      // The entry event goes as the input and as the signal: a running enrolment (a duplicate
      // trigger) hears it as any event, and a new one drops the signal, whose id it has seen.
      await client.workflow.signalWithStart<typeof journeyWorkflow, [CustomerEvent]>('journeyWorkflow', {
        workflowId,
        // Urgent or bulk by the journey and its entry (engine/journey/lane.ts): a payment reminder
        // never queues behind a broadcast's thousands.
        taskQueue: laneTaskQueue(taskQueue, journeyLane(journey, event.type)),
        args: [{ journey, version, entry: event }],
        signal: eventSignal,
        signalArgs: [event],
        workflowIdReusePolicy: allowsReEntry(journey.settings) ? WorkflowIdReusePolicy.ALLOW_DUPLICATE : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      if (!known) log.info({ workflowId, journeyId: journey.id, version }, 'customer enrolled');
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      // A closed enrolment under this id and the journey does not allow re-entry.
    }
  }

  /** A running enrolment hears the event; a member of a cohort hears it through the cohort hosting it. */
  async #signal(enrolment: Pick<EnrolmentRow, 'workflowId' | 'cohortId'>, event: CustomerEvent): Promise<void> {
    try {
      if (enrolment.cohortId)
        await this.deps.client.workflow.getHandle(enrolment.cohortId).signal(memberEventSignal, { workflowId: enrolment.workflowId, event });
      else await this.deps.client.workflow.getHandle(enrolment.workflowId).signal(eventSignal, event);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
      // The journey ended between our read and the signal; nothing is waiting any more.
    }
  }

  readonly #versions = new Map<string, Journey | undefined>();
  async #versionDocument(journeyId: string, version: number): Promise<Journey | undefined> {
    const key = `${journeyId}@${version}`;
    if (!this.#versions.has(key)) this.#versions.set(key, await this.deps.journeys.version(journeyId, version));
    return this.#versions.get(key);
  }
}
