import type { Logger } from '../logger';
import type { DevServerRun } from './dev-server';

/** `ok` while the server runs, `recovering` between an unexpected exit and its restart. */
export type EmbeddedServerState = 'ok' | 'recovering' | 'stopped';

export interface SupervisorOptions {
  /** Starts one run of the server (same state file, same port each time). */
  start: () => Promise<DevServerRun>;
  log: Logger;
  /** Waits before restart attempts 1, 2, 3…; the last one repeats. */
  backoffMs?: readonly number[];
  /** A run that lasted this long starts the backoff over. */
  stableAfterMs?: number;
}

const DEFAULT_BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000] as const;

/**
 * Keeps the embedded Temporal dev server running: when it exits and Huitou did not ask it to, it
 * is logged and started again, after a wait that grows with each failure in a row. Journeys and
 * timers live in the server's state file, so a restarted server carries on with them; the client
 * and worker reconnect to the same port, and events stored meanwhile are routed by the event
 * router's retry pass.
 */
export class DevServerSupervisor {
  #run: DevServerRun | undefined;
  #state: EmbeddedServerState = 'ok';
  #stopping = false;
  #restarts = 0;
  #watching: Promise<void> | undefined;
  #wakeStop: (() => void) | undefined;
  readonly #stopped = new Promise<void>((resolve) => (this.#wakeStop = resolve));

  private constructor(private readonly options: SupervisorOptions) {}

  /** Starts the first run (its failure is the caller's: Huitou does not start without Temporal). */
  static async start(options: SupervisorOptions): Promise<DevServerSupervisor> {
    const supervisor = new DevServerSupervisor(options);
    supervisor.#run = await options.start();
    supervisor.#watching = supervisor.#watch();
    return supervisor;
  }

  get state(): EmbeddedServerState {
    return this.#state;
  }

  /** How many times the server was restarted after an unexpected exit. */
  get restarts(): number {
    return this.#restarts;
  }

  /** The running server's process id (absent while recovering, or when the SDK runs it). */
  get pid(): number | undefined {
    return this.#state === 'ok' ? this.#run?.pid : undefined;
  }

  /** Stops the server for good; an exit from here on is a shutdown, not a crash. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#state = 'stopped';
    this.#wakeStop?.();
    await this.#run?.stop();
    await this.#watching;
  }

  async #watch(): Promise<void> {
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF_MS;
    const stableAfter = this.options.stableAfterMs ?? 60_000;
    let failuresInARow = 0;
    let startedAt = Date.now();
    while (!this.#stopping) {
      const run = this.#run!;
      const how = await Promise.race([run.exited, this.#stopped.then(() => undefined)]);
      if (this.#stopping || how === undefined) return;
      await run.stop().catch(() => undefined);
      this.#state = 'recovering';
      if (Date.now() - startedAt >= stableAfter) failuresInARow = 0;
      this.options.log.error({ exit: how }, 'the embedded Temporal dev server exited unexpectedly');
      for (;;) {
        const waitMs = backoff[Math.min(failuresInARow, backoff.length - 1)]!;
        failuresInARow++;
        this.options.log.warn({ restartInMs: waitMs }, 'restarting the embedded Temporal dev server on the same state file');
        if (await this.#sleepUnlessStopped(waitMs)) return;
        try {
          const next = await this.options.start();
          if (this.#stopping) {
            await next.stop();
            return;
          }
          this.#run = next;
          break;
        } catch (e) {
          this.options.log.error({ err: (e as Error).message }, 'the embedded Temporal dev server did not restart; trying again');
        }
      }
      this.#restarts++;
      this.#state = 'ok';
      startedAt = Date.now();
      this.options.log.warn({ restarts: this.#restarts }, 'the embedded Temporal dev server is running again');
    }
  }

  /** Waits; true when a stop came first. */
  async #sleepUnlessStopped(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const slept = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const stopped = this.#stopped.then(() => true);
    const result = await Promise.race([slept, stopped]);
    clearTimeout(timer);
    return result;
  }
}
