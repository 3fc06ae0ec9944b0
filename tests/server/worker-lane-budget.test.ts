import { describe, expect, it } from 'vitest';
import { laneLimits } from '../../server/worker/lane-budget';
import { cohortWorkflowMb, MB_PER_COHORT_MEMBER, MIN_WORKER_MEMORY_MB, WORKFLOW_THREAD_BASE_MB, workerLimits } from '../../server/worker/memory-budget';
import { laneTaskQueue } from '../../server/temporal/task-queues';

describe('the worker role’s lanes', () => {
  it('share the memory budget: a quarter to the urgent lane, the rest to the bulk lane', () => {
    expect(laneLimits(4096)).toEqual({ urgent: workerLimits(1024), bulk: workerLimits(3072) });
    expect(laneLimits(1000)).toEqual({ urgent: workerLimits(250), bulk: workerLimits(750) });
  });

  it('give each lane at least the smallest budget a worker runs with', () => {
    expect(laneLimits(512)).toEqual({ urgent: workerLimits(MIN_WORKER_MEMORY_MB), bulk: workerLimits(320) });
    expect(laneLimits(MIN_WORKER_MEMORY_MB)).toEqual({ urgent: workerLimits(MIN_WORKER_MEMORY_MB), bulk: workerLimits(MIN_WORKER_MEMORY_MB) });
  });

  it('count the bulk lane’s cache in full cohorts, so the cohorts it may hold fit its share', () => {
    const lanes = laneLimits(4096, 1000);
    expect(lanes.urgent).toEqual(workerLimits(1024));
    expect(lanes.bulk.maxCachedWorkflows).toBe(Math.floor((3072 - WORKFLOW_THREAD_BASE_MB) / (1000 * MB_PER_COHORT_MEMBER)));
    expect(lanes.bulk.maxCachedWorkflows).toBeLessThan(workerLimits(3072).maxCachedWorkflows);
    for (const [budget, size] of [
      [4096, 2000],
      [1024, 1000],
      [2048, 500],
    ] as const) {
      const { bulk } = laneLimits(budget, size);
      expect(WORKFLOW_THREAD_BASE_MB + bulk.maxCachedWorkflows * cohortWorkflowMb(size)).toBeLessThanOrEqual(bulk.budgetMb);
      expect(bulk.maxConcurrentWorkflowTaskExecutions).toBeLessThanOrEqual(bulk.maxCachedWorkflows);
    }
    // Below what a few full cohorts need, the cache keeps the few the SDK needs to run at all.
    expect(laneLimits(MIN_WORKER_MEMORY_MB, 2000).bulk).toMatchObject({ maxCachedWorkflows: 4, maxConcurrentWorkflowTaskExecutions: 2 });
    // Cohorts off: lone journeys only, as before.
    expect(laneLimits(4096, 0)).toEqual(laneLimits(4096));
  });

  it('derive their task queues from the configured one; the urgent lane keeps its name', () => {
    expect(laneTaskQueue('huitou-journeys', 'urgent')).toBe('huitou-journeys');
    expect(laneTaskQueue('huitou-journeys', 'bulk')).toBe('huitou-journeys-bulk');
  });
});
