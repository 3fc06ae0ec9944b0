import type { WorkflowBundleOption } from '@temporalio/worker';
import type { Lane, NodeRegistry } from '../../engine/index';
// The worker and the activity factories it runs: the only imports to re-point when they move.
import { createActivities, createJourneyWork } from '../worker/journey-activities';
import { createCohortActivities } from '../worker/cohort-activities';
import { createFactsActivities } from '../worker/facts-activities';
import { createTriggerActivities } from '../worker/trigger-activities';
import { createJourneyWorker } from '../worker/journey-worker';
import { createActionServices } from '../worker/action-services';
import { createOutboundHttp } from '../messaging/outbound-http';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { TemporalHandle } from '../temporal/connect';
import { keepWorkerRunning, type KeptWorker } from '../worker/kept-worker';
import { laneLimits } from '../worker/lane-budget';
import { laneTaskQueue } from '../temporal/task-queues';
import { withWorkflowThreadHeap } from '../worker/workflow-heap';
import type { EventPipeline } from './event-pipeline';
import type { Stores } from './stores';

export interface WorkerParts {
  config: Config;
  db: Db;
  stores: Stores;
  registry: NodeRegistry;
  pipeline: EventPipeline;
  temporal: TemporalHandle;
  /** A prebuilt workflow bundle (tests bundle once); absent, the worker bundles the workflows itself. */
  workflowBundle: WorkflowBundleOption | undefined;
  log: Logger;
}

/** The worker role's two lanes, each a kept worker on its own task queue. */
export interface LaneWorkers {
  lanes: Record<Lane, KeptWorker>;
  /** Shuts both lanes down and waits for them. */
  stop(): Promise<void>;
}

/**
 * The journey workers: one per lane (urgent, bulk; server/temporal/task-queues.ts), each running
 * every workflow type with the same activities, sized by its share of the memory budget
 * (server/worker/lane-budget.ts), and created again whenever it stops by itself. A workflow's
 * activities run on its own lane, so a broadcast's sends cannot take a payment reminder's slots.
 */
export async function startJourneyWorkers(parts: WorkerParts): Promise<LaneWorkers> {
  const { config, temporal, log } = parts;
  const activities = composeActivities(parts);
  const limitsByLane = laneLimits(config.workerMemoryMb, config.cohortSize);
  const start = (lane: Lane) => {
    const limits = limitsByLane[lane];
    const taskQueue = laneTaskQueue(config.taskQueue, lane);
    log.info({ lane, taskQueue, limits }, 'journey worker limits from its share of the memory budget');
    return keepWorkerRunning(
      () =>
        withWorkflowThreadHeap(limits.workflowThreadHeapMb, () =>
          createJourneyWorker({
            connection: temporal.workerConnection,
            namespace: temporal.namespace,
            taskQueue,
            activities,
            workflowBundle: parts.workflowBundle,
            limits,
          }),
        ),
      log,
    );
  };
  const urgent = await start('urgent');
  const bulk = await start('bulk').catch(async (e: unknown) => {
    await urgent.stop();
    throw e;
  });
  return {
    lanes: { urgent, bulk },
    stop: async () => void (await Promise.all([urgent.stop(), bulk.stop()])),
  };
}

/** Every activity the worker runs, each dependency named. */
function composeActivities({ config, db, stores, registry, pipeline, temporal }: WorkerParts) {
  const services = createActionServices(
    db,
    {
      coupons: stores.coupons,
      http: createOutboundHttp({ allow: config.httpAllow }),
    },
    {
      // A journey's tag or tier step changes facts: refresh them and store the change events.
      afterCustomerChange: (customerId) => pipeline.follower.afterChange(customerId),
    },
  );
  const journeyDeps = {
    registry,
    customers: stores.customers,
    outbox: stores.outbox,
    enrolments: stores.enrolments,
    facts: stores.facts,
    issuedCoupons: stores.coupons,
    stepLog: stores.stepLog,
    services,
  };
  const journey = createActivities(journeyDeps);
  const facts = createFactsActivities({
    facts: stores.facts,
  });
  const triggers = createTriggerActivities({
    runCalendar: (asOf) => pipeline.triggers.runCalendar(asOf),
    broadcastPage: (input) => pipeline.triggers.broadcastPage(input),
    // A worker-only process has no router to kick: the server's router finds the events on its next pass.
    kickRouter: config.role === 'worker' ? undefined : () => void pipeline.router.kick().catch(() => undefined),
  });
  const cohorts = createCohortActivities({
    db,
    registry,
    journeys: stores.journeys,
    enrolments: stores.enrolments,
    stepLog: stores.stepLog,
    journey: createJourneyWork(journeyDeps),
    client: temporal.client,
    taskQueue: config.taskQueue,
  });
  return { ...journey, ...facts, ...triggers, ...cohorts };
}
