import { getHeapStatistics } from 'node:v8';
import { Worker as Thread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { defaultWorkerMemoryMb, MB_PER_CACHED_WORKFLOW, workerLimits, WORKFLOW_THREAD_BASE_MB } from '../../server/worker/memory-budget';
import { withWorkflowThreadHeap } from '../../server/worker/workflow-heap';

/** The heap limit, in MB, of a thread started now (as the SDK starts its workflow threads). */
function threadHeapLimitMb(): Promise<number> {
  const code = `require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20)`;
  return new Promise((resolve, reject) => {
    const thread = new Thread(code, { eval: true });
    thread.once('message', (mb: number) => void thread.terminate().then(() => resolve(mb)));
    thread.once('error', reject);
  });
}

describe('the worker memory budget', () => {
  it('on a 2 GB machine: 512 MB, 153 cached journeys, 16 tasks at once, 32 activities, a 512 MB workflow heap', () => {
    expect(defaultWorkerMemoryMb(2048)).toBe(512);
    expect(workerLimits(512)).toEqual({
      budgetMb: 512,
      maxCachedWorkflows: 153,
      maxConcurrentWorkflowTaskExecutions: 16,
      maxConcurrentActivityTaskExecutions: 32,
      workflowThreadHeapMb: 512,
    });
  });

  it('on a 24 GB machine: capped at 4 GB, 1,587 cached journeys', () => {
    expect(defaultWorkerMemoryMb(24 * 1024)).toBe(4096);
    expect(workerLimits(4096)).toMatchObject({
      maxCachedWorkflows: 1587,
      maxConcurrentWorkflowTaskExecutions: 16,
      maxConcurrentActivityTaskExecutions: 100,
      workflowThreadHeapMb: 4096,
    });
  });

  it('on a small machine or container: never below the minimum', () => {
    expect(defaultWorkerMemoryMb(512)).toBe(192);
    expect(workerLimits(192)).toMatchObject({ maxCachedWorkflows: 25, maxConcurrentWorkflowTaskExecutions: 6, maxConcurrentActivityTaskExecutions: 12 });
  });

  it('the cache at its worst measured cost per journey fits in the workflow heap, with room for the thread itself', () => {
    for (const budget of [192, 300, 512, 1000, 2048, 4096, 16_384]) {
      const limits = workerLimits(budget);
      expect(limits.maxCachedWorkflows * MB_PER_CACHED_WORKFLOW + WORKFLOW_THREAD_BASE_MB).toBeLessThanOrEqual(limits.workflowThreadHeapMb);
      // The SDK refuses a cache smaller than the tasks in flight.
      expect(limits.maxConcurrentWorkflowTaskExecutions).toBeLessThanOrEqual(limits.maxCachedWorkflows);
      expect(limits.maxConcurrentWorkflowTaskExecutions).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses a budget too small to run in, naming the setting', () => {
    expect(() => workerLimits(100)).toThrow(/at least 192 MB/);
    expect(() => configFromEnv({ HUITOU_WORKER_MEMORY_MB: '64' })).toThrow(/HUITOU_WORKER_MEMORY_MB must be .* at least 192, not "64"/);
    expect(() => configFromEnv({ HUITOU_WORKER_MEMORY_MB: 'lots' })).toThrow(/HUITOU_WORKER_MEMORY_MB/);
    expect(configFromEnv({ HUITOU_WORKER_MEMORY_MB: '768' }).workerMemoryMb).toBe(768);
  });

  it('gives the threads started inside it the budget as heap limit, and later threads the process default', async () => {
    const before = await threadHeapLimitMb();
    const mainBefore = getHeapStatistics().heap_size_limit;
    const inside = await withWorkflowThreadHeap(300, () => threadHeapLimitMb());
    // V8 adds its young generation to the old-space limit.
    expect(inside).toBeGreaterThanOrEqual(300);
    expect(inside).toBeLessThan(400);
    expect(await threadHeapLimitMb()).toBe(before);
    expect(getHeapStatistics().heap_size_limit).toBe(mainBefore);
  });
});
