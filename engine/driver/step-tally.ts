/**
 * The steps a journey took since it last reported them to the step log (server/journeys/step-log.ts).
 * Counting is in memory; the driver sends a batch only when the customer is about to block (a wait,
 * a held message, a pause) and when they leave, so a customer costs a report or two per wait
 * rather than a call per step. Plain JSON: it travels through continue-as-new.
 */
export interface StepTallyState {
  /** The sequence number of the last report sent; the next one is seq + 1. */
  seq: number;
  entered: Record<string, number>;
  passed: Record<string, number>;
  /** Per node, actions that refused (a coupon campaign used up); absent in tallies carried from before. */
  refused?: Record<string, number>;
  /** The waiting node last reported (null: none), so an unchanged wait is not reported again. */
  reportedWaiting: string | null;
}

export interface StepBatch {
  seq: number;
  entered: Record<string, number>;
  passed: Record<string, number>;
  refused: Record<string, number>;
  waitingAt: string | null;
}

export class StepTally {
  #state: StepTallyState;

  constructor(carried?: StepTallyState) {
    this.#state = carried ? structuredCopy(carried) : { seq: 0, entered: {}, passed: {}, reportedWaiting: null };
  }

  /** The customer finished `from` and arrived at `to`. */
  moved(from: string, to: string): void {
    this.passedNode(from);
    this.#state.entered[to] = (this.#state.entered[to] ?? 0) + 1;
  }

  /** The customer arrived at `node` (the trigger, on entry). */
  enteredNode(node: string): void {
    this.#state.entered[node] = (this.#state.entered[node] ?? 0) + 1;
  }

  /** The customer finished `node` without going anywhere after it (an exit step). */
  passedNode(node: string): void {
    this.#state.passed[node] = (this.#state.passed[node] ?? 0) + 1;
  }

  /** The action at `node` refused to do its work (engine ActionResult.refused); the customer goes on. */
  refusedAt(node: string): void {
    const refused = (this.#state.refused ??= {});
    refused[node] = (refused[node] ?? 0) + 1;
  }

  /**
   * The batch to report now that the customer waits at `waitingAt` (null: moving or gone), or
   * undefined when nothing changed since the last report. Taking it empties the tally.
   */
  take(waitingAt: string | null): StepBatch | undefined {
    const s = this.#state;
    const refused = s.refused ?? {};
    const empty = Object.keys(s.entered).length === 0 && Object.keys(s.passed).length === 0 && Object.keys(refused).length === 0;
    if (empty && waitingAt === s.reportedWaiting) return undefined;
    const batch = { seq: s.seq + 1, entered: s.entered, passed: s.passed, refused, waitingAt };
    this.#state = { seq: batch.seq, entered: {}, passed: {}, reportedWaiting: waitingAt };
    return batch;
  }

  get state(): StepTallyState {
    return structuredCopy(this.#state);
  }
}

function structuredCopy(s: StepTallyState): StepTallyState {
  return {
    seq: s.seq,
    entered: { ...s.entered },
    passed: { ...s.passed },
    ...(s.refused ? { refused: { ...s.refused } } : {}),
    reportedWaiting: s.reportedWaiting,
  };
}
