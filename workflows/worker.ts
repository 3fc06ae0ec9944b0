import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { JourneyActivities } from './activities';
import type { FactsActivities } from './facts-activities';
import type { TriggerActivities } from './trigger-activities';

export const workflowsPath = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Bundles the journey workflows once (webpack); pass the result to several workers to save time. */
export async function bundleJourneyWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: JourneyActivities & FactsActivities & TriggerActivities;
  workflowBundle?: WorkflowBundleOption | undefined;
}

/** A worker that runs journey workflows and their activities. Run it with `worker.run()`. */
export async function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
  });
}

const noop = () => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, log: noop, warn: console.warn, error: console.error };
