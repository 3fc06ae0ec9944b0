/**
 * How much the journey worker may hold, derived from one number: its memory budget in MB
 * (HUITOU_WORKER_MEMORY_MB). A waiting journey kept in the worker's workflow cache costs up to about
 * 2.5 MB (measured 0.7–2.5 MB of process memory each); left to the SDK's default, the cache grows from
 * the whole heap limit and a broadcast of tens of thousands ran the workflow thread out of heap.
 * Bounding the cache makes the worker evict (and later replay) journeys instead: slower, never down.
 */
export interface WorkerLimits {
  /** The budget these limits were computed from. */
  budgetMb: number;
  /** Workflows kept in memory between their tasks; beyond it the least recently used is evicted. */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (never more than the cache holds). */
  maxConcurrentWorkflowTaskExecutions: number;
  /** Activities run at once (sending messages, reading facts, writing the step log). */
  maxConcurrentActivityTaskExecutions: number;
  /** The heap limit of the workflow thread: the whole budget, so the bounded cache can never fill it. */
  workflowThreadHeapMb: number;
}

/** The worst measured memory of one cached waiting journey (process RSS over the cached count). */
export const MB_PER_CACHED_WORKFLOW = 2.5;
/**
 * What one member of a cached cohort costs (its driver, its state and the SDK's record of its
 * pending promises): measured 17–26 KB of process memory per waiting member with 100,000 waiting
 * in cohorts of 500. A cached cohort of 1,000 is about 25 MB, ten cached lone journeys.
 */
export const MB_PER_COHORT_MEMBER = 0.025;
/** What the workflow thread needs before any journey: the bundle, its V8 context, in-flight tasks. */
export const WORKFLOW_THREAD_BASE_MB = 128;
/** The smallest budget Huitou runs with; below it a worker cannot hold the bundle and a few journeys. */
export const MIN_WORKER_MEMORY_MB = 192;
/** The default never exceeds this: beyond a few thousand cached journeys evictions cost little. */
export const MAX_DEFAULT_WORKER_MEMORY_MB = 4096;

/**
 * The limits for a budget: a pure function, so the numbers in the docs are the numbers that run.
 * `largestWorkflowMb` is what the largest workflow the worker runs may hold in its cache: a lone
 * journey's by default, a full cohort's on the lane that runs cohorts (cohortWorkflowMb).
 */
export function workerLimits(budgetMb: number, largestWorkflowMb = MB_PER_CACHED_WORKFLOW): WorkerLimits {
  if (!Number.isFinite(budgetMb) || budgetMb < MIN_WORKER_MEMORY_MB) {
    throw new Error(`the worker memory budget must be at least ${MIN_WORKER_MEMORY_MB} MB, not ${budgetMb}`);
  }
  const budget = Math.floor(budgetMb);
  // At least 4: the SDK needs a cache of at least 2 and the slots below at least 2.
  const maxCachedWorkflows = Math.max(4, Math.floor((budget - WORKFLOW_THREAD_BASE_MB) / Math.max(MB_PER_CACHED_WORKFLOW, largestWorkflowMb)));
  return {
    budgetMb: budget,
    maxCachedWorkflows,
    // A quarter of the cache: tasks in flight pin their workflows, the rest of the cache must be
    // evictable to make room. The SDK needs at least 2 when a cache is used. At most 16 (the SDK's
    // default is 40): one workflow thread runs them in turn and the main thread also carries the
    // activities and the embedded database, so on a busy 2-core machine 38 tasks queued in the
    // worker past Temporal's 10 s workflow-task timeout (seen on a broadcast) and were redone.
    maxConcurrentWorkflowTaskExecutions: clamp(Math.floor(maxCachedWorkflows / 4), 2, 16),
    // Activities run on the main thread with a database connection or an HTTP call each.
    maxConcurrentActivityTaskExecutions: clamp(Math.floor(budget / 16), 8, 100),
    workflowThreadHeapMb: budget,
  };
}

/** The most a cached cohort of `cohortSize` members holds (0: cohorts off). */
export function cohortWorkflowMb(cohortSize: number): number {
  return cohortSize * MB_PER_COHORT_MEMBER;
}

/**
 * The default budget: a quarter of the machine's memory (or of the container's limit when one is
 * set), between the minimum and 4 GB. 2 GB gives 512 MB (153 cached journeys); 24 GB gives 4096 MB
 * (1,587 cached journeys).
 */
export function defaultWorkerMemoryMb(machineMemoryMb: number): number {
  return clamp(Math.floor(machineMemoryMb / 4), MIN_WORKER_MEMORY_MB, MAX_DEFAULT_WORKER_MEMORY_MB);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
