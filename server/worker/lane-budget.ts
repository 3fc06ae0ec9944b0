import type { Lane } from '../../engine/index';
import { cohortWorkflowMb, MIN_WORKER_MEMORY_MB, workerLimits, type WorkerLimits } from './memory-budget';

/**
 * How the worker role's memory budget (HUITOU_WORKER_MEMORY_MB) is shared between its two lanes,
 * each a worker with its own cache, slots and workflow thread, so bulk work can never take what
 * urgent work needs. The urgent lane gets a quarter (payment reminders wait hours each, but arrive
 * one order at a time); the bulk lane the rest. Each gets at least the smallest budget a worker
 * runs with, so a budget under twice that minimum is exceeded by up to the minimum. The bulk lane
 * hosts cohorts (HUITOU_COHORT_SIZE members each), so its cache holds as many full cohorts as fit.
 */
export const URGENT_SHARE = 0.25;

export function laneLimits(budgetMb: number, cohortSize = 0): Record<Lane, WorkerLimits> {
  const urgent = Math.max(MIN_WORKER_MEMORY_MB, Math.floor(budgetMb * URGENT_SHARE));
  const bulk = Math.max(MIN_WORKER_MEMORY_MB, Math.floor(budgetMb) - urgent);
  // Cohorts run on the bulk lane: its cache is counted in full cohorts, so a cache of them fits too.
  return { urgent: workerLimits(urgent), bulk: workerLimits(bulk, cohortWorkflowMb(cohortSize)) };
}
