/** What a blocked lane waits for: `ready` to hold, or the virtual clock to reach `deadline`. */
interface Waiter {
  ready: () => boolean;
  deadline: number;
  resolve: (ready: boolean) => void;
}

/**
 * One enrolment's thread of control on the simulator's virtual clock. The simulation runs one
 * lane at a time: it starts or resumes a lane and waits until that lane blocks again (on a wait of
 * its driver) or ends, so all lanes share one clock and the run is deterministic.
 */
export class Lane {
  #waiter: Waiter | undefined;
  #parked: (() => void) | undefined;
  ended = false;
  failure: unknown;

  /** Runs `body` until it first blocks or ends. */
  start(body: () => Promise<void>): Promise<void> {
    return this.#runUntilParked(() => {
      body().then(
        () => this.#end(),
        (e: unknown) => {
          this.failure = e;
          this.#end();
        },
      );
    });
  }

  /** Blocks the lane until the simulation resumes it: true when `ready` held, false at `deadline`. */
  block(ready: () => boolean, deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.#waiter = { ready, deadline, resolve };
      this.#parked?.();
    });
  }

  /** When the lane's wait times out (Infinity: it waits for something to arrive, or is not blocked). */
  get deadline(): number {
    return this.#waiter?.deadline ?? Infinity;
  }

  /** Whether the lane is blocked on something that now holds. */
  get ready(): boolean {
    return this.#waiter?.ready() ?? false;
  }

  /** Ends the lane's wait (true: what it waited for holds; false: its time ran out) and runs it until it blocks again. */
  resume(ready: boolean): Promise<void> {
    const waiter = this.#waiter;
    if (!waiter) throw new Error('resumed a lane that is not blocked');
    this.#waiter = undefined;
    return this.#runUntilParked(() => waiter.resolve(ready));
  }

  #runUntilParked(go: () => void): Promise<void> {
    const parked = new Promise<void>((resolve) => (this.#parked = resolve));
    go();
    return parked;
  }

  #end(): void {
    this.ended = true;
    this.#parked?.();
  }
}
