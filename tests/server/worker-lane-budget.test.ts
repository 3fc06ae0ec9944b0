import { describe, expect, it } from 'vitest';
import { laneLimits } from '../../server/worker/lane-budget';
import { MIN_WORKER_MEMORY_MB, workerLimits } from '../../server/worker/memory-budget';
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

  it('derive their task queues from the configured one; the urgent lane keeps its name', () => {
    expect(laneTaskQueue('huitou-journeys', 'urgent')).toBe('huitou-journeys');
    expect(laneTaskQueue('huitou-journeys', 'bulk')).toBe('huitou-journeys-bulk');
  });
});
