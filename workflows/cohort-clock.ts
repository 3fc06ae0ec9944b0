import { sleep } from '@temporalio/workflow';

interface Waiter {
  ready: () => boolean;
  deadline: number | undefined;
  resolve: (ready: boolean) => void;
}

/**
 * The waits of a cohort's members on one clock: every member waiting until the same moment shares
 * one Temporal timer (a thousand members sleeping a day cost one timer, not a thousand), and
 * conditions are checked by the cohort's one loop rather than a `condition()` each.
 */
export class CohortClock {
  readonly #waiters = new Set<Waiter>();
  /** Deadlines with a timer running. */
  readonly #armed = new Set<number>();

  /** The driver port's `wait`: true once `ready` holds, false when `timeoutMs` passes first. */
  wait(ready: () => boolean, timeoutMs?: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve(false);
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    return new Promise((resolve) => {
      this.#waiters.add({ ready, deadline, resolve });
      if (deadline !== undefined) this.#arm(deadline);
    });
  }

  /** Whether some waiter's condition holds (the cohort loop then calls `release`). */
  anyReady(): boolean {
    for (const w of this.#waiters) if (w.ready()) return true;
    return false;
  }

  /** Resolves every waiter whose condition holds. */
  release(): void {
    for (const w of this.#waiters) {
      if (!w.ready()) continue;
      this.#waiters.delete(w);
      w.resolve(true);
    }
  }

  #arm(deadline: number): void {
    if (this.#armed.has(deadline)) return;
    this.#armed.add(deadline);
    void sleep(deadline - Date.now()).then(() => {
      this.#armed.delete(deadline);
      for (const w of this.#waiters) {
        if (w.deadline === undefined || w.deadline > deadline) continue;
        this.#waiters.delete(w);
        w.resolve(w.ready());
      }
    });
  }
}
