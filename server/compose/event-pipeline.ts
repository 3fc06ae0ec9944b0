import type { NodeRegistry } from '../../engine/index';
import { postgresRoutingLock } from '../journeys/routing-lock';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { FactsFollower } from '../events/facts-follower';
import type { Logger } from '../logger';
import { Cohorts } from '../journeys/cohorts';
import { laneTaskQueue } from '../temporal/task-queues';
import { EventRouter } from '../journeys/event-router';
import type { TemporalHandle } from '../temporal/connect';
import { createTriggerServices, type TriggerServices } from '../journeys/triggers/services';
import { shopTimezone, type Stores } from './stores';

/**
 * The way of a stored event into journeys: the facts follower (an order or profile event refreshes
 * the customer's facts and stores each change as an event of its own), the router (enrols customers
 * and signals running journeys, counting conversions on the way) and the date and broadcast
 * triggers, which store events for the router too.
 */
export interface EventPipeline {
  follower: FactsFollower;
  router: EventRouter;
  triggers: TriggerServices;
}

export interface EventPipelineParts {
  config: Pick<Config, 'taskQueue' | 'databaseUrl' | 'cohortSize'>;
  db: Db;
  stores: Stores;
  registry: NodeRegistry;
  temporal: TemporalHandle;
  log: Logger;
}

/** Builds the pipeline; nothing runs until the HTTP role starts the router. */
export function composeEventPipeline({ config, db, stores, registry, temporal, log }: EventPipelineParts): EventPipeline {
  const timezone = shopTimezone(stores.settings);
  const follower = new FactsFollower({
    facts: stores.facts,
    events: stores.events,
    timezone,
    log,
  });
  const router = new EventRouter({
    client: temporal.client,
    taskQueue: config.taskQueue,
    registry,
    journeys: stores.journeys,
    events: stores.events,
    enrolments: stores.enrolments,
    log,
    conversions: stores.conversions,
    beforeBatch: (events) => follower.afterEvents(events),
    lock: config.databaseUrl ? postgresRoutingLock(db) : undefined,
    // Bulk entries run together in cohort workflows (on the bulk lane), unless the shop set the cohort size to 0.
    cohorts:
      config.cohortSize > 0
        ? new Cohorts({ db, journeys: stores.journeys, client: temporal.client, taskQueue: laneTaskQueue(config.taskQueue, 'bulk'), size: config.cohortSize })
        : undefined,
  });
  const triggers = createTriggerServices({
    db,
    journeys: stores.journeys,
    events: stores.events,
    registry,
    client: temporal.client,
    taskQueue: config.taskQueue,
    timezone,
    log,
  });
  return { follower, router, triggers };
}
