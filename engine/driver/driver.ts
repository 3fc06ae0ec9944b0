import type { CustomerEvent } from '../events/schema';
import { decisionFacts } from '../facts/decision-facts';
import { eventMatchesWait, type Interpreter, type RunState } from '../interpreter/interpreter';
import type { EventWait } from '../nodes/define';
import { actionInput } from './action-input';
import { EventIntake } from './intake';
import type { CarriedState, DriverPort, DriverResult } from './port';
import { StepTally } from './step-tally';
import { customerZone } from './zone';

/**
 * One customer's walk through one journey version: the loop over the pure interpreter, written
 * once. It asks the interpreter what to do next and does it through its runtime's port; the
 * Temporal workflow and the simulator are the two runtimes. The order of what it asks of the port
 * is the order of commands in recorded workflow histories: change it only behind `patched`.
 */
export class JourneyDriver {
  readonly #intake: EventIntake;
  readonly #tally: StepTally | undefined;
  #state: RunState;
  #lastEvent: CustomerEvent | undefined;
  #paused: boolean;
  #stopped: boolean;
  #waitingFor: string | undefined;

  constructor(
    private readonly interpreter: Interpreter,
    private readonly version: number,
    private readonly entry: CustomerEvent,
    private readonly port: DriverPort,
    carried?: CarriedState,
  ) {
    this.#state = carried?.state ?? interpreter.enter();
    this.#intake = new EventIntake(interpreter.journey, entry, carried);
    this.#lastEvent = carried?.lastEvent;
    this.#paused = carried?.paused ?? false;
    this.#stopped = carried?.stopped ?? false;
    // The steps taken, for the step log; journeys recorded before it report nothing, so replay is unchanged.
    this.#tally = port.patched('step-log') ? new StepTally(carried?.steps) : undefined;
    if (this.#tally && !carried) {
      this.#tally.enteredNode(interpreter.triggerId);
      this.#tally.moved(interpreter.triggerId, this.#state.cursor);
    }
  }

  /** An event for this customer (deduplicated by id). */
  receive(event: CustomerEvent): void {
    this.#intake.receive(event);
  }

  /** Holds the customer before their next step, until resumed. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  /** The customer leaves at once, wherever they are (recorded as `stopped`). */
  stop(): void {
    this.#stopped = true;
  }

  progress(): { nodeId: string; paused: boolean; waitingFor: string | undefined } {
    return { nodeId: this.#state.cursor, paused: this.#paused, waitingFor: this.#waitingFor };
  }

  async run(): Promise<DriverResult> {
    const { interpreter, port, entry } = this;
    const journey = interpreter.journey;
    for (;;) {
      port.beforeStep?.(this.#state.cursor);
      // A paused journey holds its customers here, between steps, until it is resumed.
      // Awaited only when there is something to wait for: a cohort runs thousands of drivers, and
      // every promise in a workflow costs a captured stack trace.
      if (this.#paused) {
        await this.#report(this.#state.cursor);
        await port.wait(() => !this.#paused || this.#stopped);
      }
      const leaving = this.#stopped || this.#intake.exitPending ? await this.#exitReason() : undefined;
      if (leaving) return this.#leave(this.#state.cursor, leaving);
      const step = interpreter.instruction(this.#state);
      let next = 'next';
      // Whether a sleep set a timer; undefined for other steps (the interpreter decides).
      let slept: boolean | undefined;
      switch (step.kind) {
        case 'exit':
          if (step.reason === 'exit-node') this.#tally?.passedNode(step.nodeId);
          return this.#leave(step.nodeId, step.reason);
        case 'sleep': {
          const customer = step.needsCustomer ? await port.loadCustomer() : undefined;
          const end = interpreter.sleepEnd(this.#state, { now: port.now(), timezone: customerZone(customer, journey.settings.timezone), customer, entry });
          const ms = end.at - port.now();
          // A wake-up time already past (a date attribute in the past) goes on without a timer.
          if (ms > 0) {
            await this.#report(step.nodeId);
            const reason = await this.#sleepUnlessExit(ms);
            if (reason) return this.#leave(step.nodeId, reason);
          }
          next = end.port;
          slept = ms > 0;
          port.stepped?.(step.nodeId, { kind: 'slept', port: next });
          break;
        }
        case 'waitForEvent': {
          // A cohort member waits for its own event in a workflow of its own; lone customers never hand off.
          if (port.handOff && (await port.handOff(step.nodeId, this.#carried()))) return { exitNodeId: step.nodeId, reason: 'handed-off', handedOff: true };
          await this.#report(step.nodeId);
          const event = await this.#awaitEvent(step.wait);
          if (event && 'exit' in event) return this.#leave(step.nodeId, event.exit);
          if (event) this.#lastEvent = event;
          next = event ? 'event' : 'timeout';
          port.stepped?.(step.nodeId, { kind: 'waited', event });
          break;
        }
        case 'decide': {
          if (port.decide) next = await port.decide(this.#state, this.#lastEvent);
          else {
            const customer = await port.loadCustomer();
            next = await interpreter.decide(this.#state, decisionFacts({ event: entry, lastEvent: this.#lastEvent, customer }));
          }
          port.stepped?.(step.nodeId, { kind: 'decided', port: next });
          break;
        }
        case 'action': {
          const input = actionInput(journey, this.version, step, port.actionKey(step.nodeId, step.visit), entry);
          const result = await port.runAction(input, step.activity);
          // An action that failed for good: the customer leaves, recorded with the failure's type.
          if ('failed' in result) return this.#leave(step.nodeId, `action-failed ${result.failed}`);
          if (result.retryAt !== undefined) {
            // Held by the step itself (a plugin's retryAt; built-in messages are held in the outbox instead): sleep until then and run the same visit again.
            await this.#report(step.nodeId);
            await port.sleep(Math.max(1, Date.parse(result.retryAt) - port.now()));
            continue;
          }
          // A refusal (a coupon campaign used up) is counted on the step; histories from before it
          // did not record one, so they replay without the marker.
          if (result.refused !== undefined && this.#tally && port.patched('action-refusals')) this.#tally.refusedAt(step.nodeId);
          next = result.port ?? 'next';
          port.stepped?.(step.nodeId, { kind: 'acted', port: next, summary: result.summary });
          break;
        }
      }
      const from = this.#state.cursor;
      this.#state = interpreter.advance(this.#state, next, slept);
      this.#tally?.moved(from, this.#state.cursor);
      const saving = port.checkpoint(() => this.#carried());
      if (saving) await saving;
    }
  }

  #carried(): CarriedState {
    const tally = this.#tally;
    return {
      state: this.#state,
      inbox: this.#intake.inbox,
      seenEventIds: this.#intake.seenEventIds,
      lastEvent: this.#lastEvent,
      paused: this.#paused,
      stopped: this.#stopped,
      ...(tally ? { steps: tally.state } : {}),
    };
  }

  /** Sends the steps taken since the last report, now that the customer waits at `waitingAt` (null: moving on or gone). */
  async #report(waitingAt: string | null): Promise<void> {
    const batch = this.#tally?.take(waitingAt);
    if (batch) await this.port.report(batch);
  }

  #interrupted = (): boolean => this.#stopped || this.#intake.exitPending;

  /** Why the customer must leave now (the journey was stopped, an exit event came), if they must. */
  async #exitReason(): Promise<string | undefined> {
    if (this.#stopped) return 'stopped';
    return this.#intake.exitReason();
  }

  /** Sleeps `ms` unless an exit comes first; returns the exit's reason then. */
  async #sleepUnlessExit(ms: number): Promise<string | undefined> {
    const { port } = this;
    // Journeys recorded before waits could be interrupted keep their plain timers on replay.
    if (!port.patched('interruptible-waits')) return void (await port.sleep(ms));
    const deadline = port.now() + ms;
    for (;;) {
      const remaining = deadline - port.now();
      if (remaining <= 0) return undefined;
      if (!(await port.wait(this.#interrupted, remaining))) return undefined;
      const reason = await this.#exitReason();
      if (reason) return reason;
    }
  }

  async #awaitEvent(wait: EventWait): Promise<CustomerEvent | { exit: string } | undefined> {
    const { port } = this;
    const intake = this.#intake;
    const deadline = port.now() + wait.timeoutMs;
    let checked = 0;
    this.#waitingFor = wait.eventType;
    try {
      for (;;) {
        for (; checked < intake.inbox.length; checked++) {
          const candidate = intake.inbox[checked]!;
          if (await eventMatchesWait(wait, candidate, this.entry)) return candidate;
        }
        const reason = await this.#exitReason();
        if (reason) return { exit: reason };
        const remaining = deadline - port.now();
        if (remaining <= 0 || !(await port.wait(() => intake.inbox.length > checked || this.#interrupted(), remaining))) return undefined;
      }
    } finally {
      intake.inbox = [];
      this.#waitingFor = undefined;
    }
  }

  async #leave(nodeId: string, reason: string): Promise<DriverResult> {
    await this.#report(null);
    await this.port.recordExit(nodeId, reason);
    this.port.stepped?.(nodeId, { kind: 'left', reason });
    return { exitNodeId: nodeId, reason };
  }
}
