import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  admission,
  allowsReEntry,
  awaitedEventTypes,
  cohortEntry,
  entersInCohort,
  entryFor,
  type CustomerEvent,
  type Journey,
  type NodeRegistry,
} from '../../engine/index';
import type { journeyWorkflow } from '../../workflows/journey-workflow';
import { memberEventSignal } from '../../workflows/cohort-shared';
import { eventSignal } from '../../workflows/shared';
import type { Logger } from '../logger';
import type { Cohorts, CohortEntrant } from './cohorts';
import type { Enrolments } from './enrolments';
import type { Events } from '../events/event-log';
import type { Journeys } from './journey-store';
import type { Conversions } from './conversions';

export interface EventRouterDeps {
  client: Client;
  taskQueue: string;
  registry: NodeRegistry;
  journeys: Journeys;
  events: Events;
  enrolments: Enrolments;
  log: Logger;
  /** Runs before an event is routed (e.g. to refresh the customer's facts it may change). */
  beforeRoute?: (event: CustomerEvent) => Promise<void>;
  /** Records the event as a conversion of journeys whose goal it is. */
  conversions?: Conversions | undefined;
  /** Where bulk entries (engine/journey/cohort.ts) go together; absent, every customer gets a workflow of their own. */
  cohorts?: Cohorts | undefined;
}

/** What a routing pass gathers for cohorts: customers to enrol together, and cohorts formed earlier whose start is not known to have happened. */
interface CohortGathering {
  entrants: CohortEntrant[];
  restart: Set<string>;
}

/**
 * Turns stored events into journey work: an event that matches a live journey's trigger enrols its
 * customer (signalWithStart on a deterministic workflow id, so duplicates enrol once); an event a
 * running journey waits for reaches it as a signal. Events are routed from the event log in arrival
 * order per customer (several customers at a time), so an event acknowledged while Temporal is
 * down is routed when it is back.
 */
/** Events read per routing pass, and how many customers' events are routed at once. */
const ROUTE_BATCH = 1000;
const ROUTE_LANES = 8;

export class EventRouter {
  #draining: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: EventRouterDeps) {}

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
          await this.#drain();
        } while (this.#again);
      } finally {
        this.#draining = undefined;
      }
    })();
    return this.#draining;
  }

  /** Retries unrouted events periodically (e.g. after Temporal was unreachable). */
  start(intervalMs = 2000): void {
    this.#timer = setInterval(() => void this.kick().catch((e) => this.deps.log.warn({ err: e }, 'event routing pass failed')), intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#draining?.catch(() => undefined);
  }

  async #drain(): Promise<void> {
    for (;;) {
      const batch = await this.deps.events.unrouted(ROUTE_BATCH);
      if (batch.length === 0) return;
      // Order matters within a customer (a payment after its order), not across customers: each
      // customer's events go in arrival order, several customers at a time, so a broadcast's
      // thousands of entries do not wait on one round trip to Temporal each.
      const byCustomer = new Map<string, CustomerEvent[]>();
      for (const e of batch) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
      const published = await this.deps.journeys.published();
      let failed = false;
      const queue = [...byCustomer.values()];
      const gathering: CohortGathering = { entrants: [], restart: new Set() };
      // Events that enrol into a cohort: marked routed once the cohort is formed and started.
      const held: string[] = [];
      const lane = async () => {
        for (let events = queue.shift(); events; events = queue.shift()) {
          for (const event of events) {
            try {
              await this.deps.beforeRoute?.(event);
              if (await this.route(event, published, gathering)) {
                // The customer's later events wait for the next pass, after the cohort that enrols them has started.
                held.push(event.id);
                break;
              }
              await this.deps.events.markRouted(event.id);
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
      if (held.length > 0 && !(await this.#startCohorts(gathering, held))) failed = true;
      if (failed) return;
    }
  }

  /** Forms and starts the gathered cohorts, then marks their entry events routed; false when that failed (the next pass retries). */
  async #startCohorts(gathering: CohortGathering, held: string[]): Promise<boolean> {
    const { cohorts, events, log } = this.deps;
    try {
      const formed = await cohorts!.form(gathering.entrants);
      for (const id of [...formed, ...gathering.restart]) await cohorts!.start(id);
      for (const id of held) await events.markRouted(id);
      if (formed.length > 0) log.info({ cohorts: formed.length, customers: gathering.entrants.length }, 'customers enrolled in cohorts');
      return true;
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'starting cohorts failed; will retry');
      return false;
    }
  }

  /**
   * Routes one event; `published` (the journeys' live versions) may be passed in by a batch. With
   * `gathering`, a bulk entry is gathered there for a cohort instead of started: true then.
   */
  async route(event: CustomerEvent, published?: Awaited<ReturnType<Journeys['published']>>, gathering?: CohortGathering): Promise<boolean> {
    const { journeys, registry, enrolments } = this.deps;
    const entered = new Set<string>();
    let gathered = false;
    published ??= await journeys.published();
    // Before enrolling: an event that is a goal credits the messages sent before it, not after.
    await this.deps.conversions?.attribute(event, published);
    for (const { journey, version, status } of published) {
      if (status !== 'live') continue;
      const entry = await entryFor(journey, registry, event);
      if (!entry) continue;
      entered.add(entry.workflowId);
      if (
        gathering &&
        this.deps.cohorts &&
        entersInCohort(event) &&
        (await this.#gather(gathering, journey, version, event, entry.workflowId, entry.entryKey))
      ) {
        gathered = true;
        continue;
      }
      await this.#enrol(journey, version, event, entry.workflowId, entry.entryKey);
    }
    // Running journeys that wait for this kind of event hear about it.
    for (const enrolment of await enrolments.activeForCustomer(event.customerId)) {
      if (entered.has(enrolment.workflowId)) continue;
      const journey = await this.#versionDocument(enrolment.journeyId, enrolment.journeyVersion);
      if (!journey || !awaitedEventTypes(journey, registry).includes(event.type)) continue;
      try {
        if (enrolment.cohortId) {
          await this.deps.client.workflow.getHandle(enrolment.cohortId).signal(memberEventSignal, { workflowId: enrolment.workflowId, event });
        } else {
          await this.deps.client.workflow.getHandle(enrolment.workflowId).signal(eventSignal, event);
        }
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e;
        // The journey ended between our read and the signal; nothing is waiting any more.
      }
    }
    return gathered;
  }

  /**
   * Gathers a bulk entry for a cohort when admission lets the customer in (true); a customer the
   * journey refuses is done with (true as well, nothing to start). False: an enrolment of its own
   * already runs under the id, and hears the event as a lone customer would.
   */
  async #gather(
    gathering: CohortGathering,
    journey: Journey,
    version: number,
    event: CustomerEvent,
    workflowId: string,
    entryKey: string | undefined,
  ): Promise<boolean> {
    const known = await this.deps.enrolments.find(workflowId);
    const decision = admission(known, journey.settings, event.occurredAt);
    if (decision === 'start' || decision === 'reactivate') {
      const entry = cohortEntry(event, entryKey);
      gathering.entrants.push({
        journeyId: journey.id,
        version,
        entry,
        workflowId,
        customerId: event.customerId,
        entryKey,
        entryEventId: event.id,
        reactivate: decision === 'reactivate',
      });
      return true;
    }
    // This very event formed a cohort on an earlier pass that stopped before starting it.
    if (decision === 'signal' && known?.cohortId && known.entryEventId === event.id) {
      gathering.restart.add(known.cohortId);
      return true;
    }
    return false;
  }

  async #enrol(journey: Journey, version: number, event: CustomerEvent, workflowId: string, entryKey: string | undefined): Promise<void> {
    const { enrolments, client, taskQueue, log } = this.deps;
    const known = await enrolments.find(workflowId);
    const decision = admission(known, journey.settings, event.occurredAt);
    if (decision === 'refuse') return;
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
        taskQueue,
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

  readonly #versions = new Map<string, Journey | undefined>();
  async #versionDocument(journeyId: string, version: number): Promise<Journey | undefined> {
    const key = `${journeyId}@${version}`;
    if (!this.#versions.has(key)) this.#versions.set(key, await this.deps.journeys.version(journeyId, version));
    return this.#versions.get(key);
  }
}
