import { proxyActivities } from '@temporalio/workflow';
import { DEFAULT_ACTIVITY, type ActionInput, type ActionOutcome, type ActivityOptions } from '../engine/index';
import type { CohortClock } from './cohort-clock';
import type { CohortActivities, HandOff, MemberActionOutcome, MemberDecision } from './cohort-shared';
import type { ExitInput, StepReportInput } from './shared';

/** Members per activity call: keeps each recorded input and result well under Temporal's payload limits. */
export const MEMBERS_PER_CALL = 200;

// A batch waits out an outage of the database rather than failing its members: no attempt limit.
const activities = proxyActivities<CohortActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// Best effort, as for a lone customer: a failed report is dropped. Not a local activity: a
// cohort's reports would hold its workflow task open while they run, and a local activity's result
// reaches a replay at another point than it reached the run, which moves the members' next commands.
const { cohortSteps } = proxyActivities<CohortActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 5 },
});

interface Pending<I, O> {
  input: I;
  resolve: (out: O) => void;
}

/** One kind of call the members make, gathered while they run and made for all of them at once. */
class Gathered<I, O> {
  #queue: Pending<I, O>[] = [];
  /** Activity calls sent and not yet answered. */
  inFlight = 0;

  constructor(private readonly send: (inputs: I[]) => Promise<O[]>) {}

  call(input: I): Promise<O> {
    return new Promise((resolve) => this.#queue.push({ input, resolve }));
  }

  get pending(): boolean {
    return this.#queue.length > 0;
  }

  /** Sends what was gathered, a chunk per activity, and answers each caller. */
  flush(): Promise<void>[] {
    const queue = this.#queue;
    this.#queue = [];
    const sent: Promise<void>[] = [];
    for (let i = 0; i < queue.length; i += MEMBERS_PER_CALL) {
      const chunk = queue.slice(i, i + MEMBERS_PER_CALL);
      this.inFlight++;
      sent.push(
        this.send(chunk.map((p) => p.input)).then((outs) => {
          this.inFlight--;
          chunk.forEach((p, j) => p.resolve(outs[j]!));
        }),
      );
    }
    return sent;
  }
}

interface ActionCall {
  input: ActionInput;
  options: ActivityOptions;
  attempt: number;
}

/**
 * Everything a cohort's members ask of the outside world, gathered per kind and sent in chunks:
 * customers, decisions, actions (retried per member by the step's own retry policy), exits, step
 * reports and hand-offs. The cohort loop flushes whenever the members have all stopped to wait.
 */
export class CohortCalls {
  readonly customers = new Gathered((ids: string[]) => activities.cohortCustomers(ids));
  readonly decisions: Gathered<MemberDecision, string>;
  readonly #actions = new Gathered((calls: ActionCall[]) =>
    activities.cohortActions(calls.map((c) => ({ input: c.input, nonRetryableErrorTypes: c.options.retry.nonRetryableErrorTypes }))),
  );
  readonly exits = new Gathered((exits: ExitInput[]) => activities.cohortExits(exits).then(() => exits.map(() => undefined)));
  readonly reports = new Gathered((reports: StepReportInput[]) =>
    // A failed report is dropped: the figures are best effort.
    cohortSteps(reports).then(
      () => reports.map(() => undefined),
      () => reports.map(() => undefined),
    ),
  );
  readonly #handOffs: Gathered<HandOff['members'][number], void>;

  constructor(
    private readonly clock: CohortClock,
    ref: { cohortId: string; journeyId: string; version: number; enrolmentRun: string },
  ) {
    this.decisions = new Gathered((members: MemberDecision[]) => activities.cohortDecisions({ journeyId: ref.journeyId, version: ref.version, members }));
    this.#handOffs = new Gathered((members) => activities.cohortHandOff({ ...ref, members }).then(() => members.map(() => undefined)));
  }

  handOff(member: HandOff['members'][number]): Promise<void> {
    return this.#handOffs.call(member);
  }

  /** Runs one member's action; a failure worth retrying is tried again after the step's backoff, the rest fail for good. */
  async runAction(input: ActionInput, options: ActivityOptions | undefined): Promise<ActionOutcome> {
    const policy = options ?? DEFAULT_ACTIVITY;
    for (let attempt = 1; ; attempt++) {
      const outcome: MemberActionOutcome = await this.#actions.call({ input, options: policy, attempt });
      if (!('retry' in outcome)) return outcome;
      const { maximumAttempts, initialIntervalMs, backoffCoefficient, maximumIntervalMs } = policy.retry;
      if (maximumAttempts !== undefined && maximumAttempts > 0 && attempt >= maximumAttempts) return { failed: outcome.retry };
      const backoff = Math.min(initialIntervalMs * backoffCoefficient ** (attempt - 1), maximumIntervalMs ?? Number.POSITIVE_INFINITY);
      await this.clock.wait(() => false, Math.max(1, backoff));
    }
  }

  /** Whether an activity call is on its way: its members will move soon. */
  get inFlight(): boolean {
    return this.#kinds().some((kind) => kind.inFlight > 0);
  }

  #kinds(): Gathered<unknown, unknown>[] {
    return [this.customers, this.decisions, this.#actions, this.exits, this.reports, this.#handOffs] as Gathered<unknown, unknown>[];
  }

  get pending(): boolean {
    return this.customers.pending || this.decisions.pending || this.#actions.pending || this.exits.pending || this.reports.pending || this.#handOffs.pending;
  }

  flush(): void {
    for (const kind of this.#kinds()) {
      void Promise.all(kind.flush());
    }
  }
}
