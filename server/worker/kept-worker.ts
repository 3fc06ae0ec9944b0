import type { Worker } from '@temporalio/worker';
import type { Logger } from '../logger';

export interface KeptWorker {
  /** The worker running now (absent while one is being created again). */
  current(): Worker | undefined;
  /** How many times the worker was created again after it stopped by itself. */
  recreations(): number;
  /** Shuts the worker down for good and waits for it. */
  stop(): Promise<void>;
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000] as const;

/**
 * Runs the journey worker and, if it stops by itself (the SDK ends a worker whose polls keep
 * failing, e.g. while Temporal is down for longer than its retries), logs it and creates a new one
 * with backoff until Temporal takes it. A shutdown asked for by Huitou is not a failure.
 */
export async function keepWorkerRunning(create: () => Promise<Worker>, log: Logger): Promise<KeptWorker> {
  let worker: Worker | undefined = await create();
  let stopping = false;
  let recreations = 0;
  let wake: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const pause = (ms: number) => Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), stopped]);

  const loop = (async () => {
    let failuresInARow = 0;
    while (!stopping && worker) {
      const startedAt = Date.now();
      try {
        await worker.run();
        if (stopping) return;
        log.error('the journey worker stopped by itself; starting a new one');
      } catch (e) {
        if (stopping) return;
        log.error({ err: (e as Error).message }, 'the journey worker failed; starting a new one');
      }
      worker = undefined;
      if (Date.now() - startedAt > 60_000) failuresInARow = 0;
      while (!stopping && !worker) {
        await pause(BACKOFF_MS[Math.min(failuresInARow++, BACKOFF_MS.length - 1)]!);
        if (stopping) return;
        try {
          const next = await create();
          if (stopping) {
            // Created while Huitou was asked to stop: never run it.
            return;
          }
          worker = next;
          recreations++;
          log.warn({ recreations }, 'the journey worker is running again');
        } catch (e) {
          log.warn({ err: (e as Error).message }, 'the journey worker could not be created yet; trying again');
        }
      }
    }
  })();

  return {
    current: () => worker,
    recreations: () => recreations,
    async stop() {
      stopping = true;
      wake?.();
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await loop;
    },
  };
}
