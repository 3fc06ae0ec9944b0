import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { JourneyActivities } from '../../workflows/activities';
import type { FactsActivities } from '../../workflows/facts-activities';
import type { TriggerActivities } from '../../workflows/trigger-activities';

/** The workflow bundle's entry: every workflow the worker registers (workflows/index.ts). */
export const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

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
  /**
   * Bounds on what the worker holds (server/worker/memory-budget.ts); absent, the SDK's defaults,
   * which size the workflow cache from the whole heap.
   */
  limits?: WorkerCapacity | undefined;
}

/** The worker options a memory budget sets. */
export interface WorkerCapacity {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
}

/** A worker that runs journey workflows and their activities. Run it with `worker.run()`. */
export async function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.limits
      ? {
          maxCachedWorkflows: options.limits.maxCachedWorkflows,
          maxConcurrentWorkflowTaskExecutions: options.limits.maxConcurrentWorkflowTaskExecutions,
          maxConcurrentActivityTaskExecutions: options.limits.maxConcurrentActivityTaskExecutions,
          // One workflow thread (the SDK's default with a reused V8 context): its heap is the budget.
          workflowThreadPoolSize: 1,
          reuseV8Context: true,
        }
      : {}),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
  });
}

const noop = () => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, log: noop, warn: console.warn, error: console.error };
