import type { WorkflowBundleOption } from '@temporalio/worker';
import type { NodeRegistry } from '../../engine/index';
// The worker and the activity factories it runs: the only imports to re-point when they move.
import { createActivities } from '../worker/journey-activities';
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
import { workerLimits } from '../worker/memory-budget';
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

/**
 * The journey worker: journey, facts-refresh and trigger workflows with their activities, sized by
 * the memory budget, and created again whenever it stops by itself.
 */
export async function startJourneyWorker(parts: WorkerParts): Promise<KeptWorker> {
  const { config, temporal, log } = parts;
  const activities = composeActivities(parts);
  const limits = workerLimits(config.workerMemoryMb);
  const create = () =>
    withWorkflowThreadHeap(limits.workflowThreadHeapMb, () =>
      createJourneyWorker({
        connection: temporal.workerConnection,
        namespace: temporal.namespace,
        taskQueue: config.taskQueue,
        activities,
        workflowBundle: parts.workflowBundle,
        limits,
      }),
    );
  log.info({ limits }, 'journey worker limits from its memory budget');
  return keepWorkerRunning(create, log);
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
  const journey = createActivities({
    registry,
    customers: stores.customers,
    outbox: stores.outbox,
    enrolments: stores.enrolments,
    facts: stores.facts,
    issuedCoupons: stores.coupons,
    stepLog: stores.stepLog,
    services,
  });
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
    journey,
    client: temporal.client,
    taskQueue: config.taskQueue,
  });
  return { ...journey, ...facts, ...triggers, ...cohorts };
}
