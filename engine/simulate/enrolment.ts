import { actionContext, type ActionOutcome } from '../driver/action-input';
import { JourneyDriver } from '../driver/driver';
import { simulationIdempotencyKey } from '../driver/idempotency-key';
import type { Customer, DriverPort, DriverResult, StepOutcome } from '../driver/port';
import type { CustomerEvent } from '../events/schema';
import type { Interpreter } from '../interpreter/interpreter';
import type { ActionServices, IssuedCoupon } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import type { BudgetLimit, BudgetMeter } from './budget';
import { Lane } from './lane';
import type { SimulatedMessage } from './services';

export interface SimulationStep {
  at: string;
  nodeId: string;
  outcome: string;
  /** Which enrolment took the step (1, 2, …), when the run had more than one. */
  enrolment?: number | undefined;
}

/** What the enrolments of one simulation share: the clock, the customer, the services, the timeline and the budget. */
export interface SimulationRun {
  clock: { now: number };
  interpreter: Interpreter;
  registry: NodeRegistry;
  customer: Customer;
  services: ActionServices;
  steps: SimulationStep[];
  messages: SimulatedMessage[];
  meter: BudgetMeter;
  /** Which enrolment each step and message belongs to. */
  owner: WeakMap<object, number>;
  /** What the running action did besides its summary (tags, attributes), for its step's outcome. */
  notes: string[];
  /** The enrolment whose action runs now (lanes run one at a time), for the coupon it is issued. */
  acting: SimulatedEnrolment | undefined;
}

/** A run stopped because a limit of its budget ran out. */
export class OutOfBudget extends Error {
  constructor(readonly limit: BudgetLimit) {
    super(`simulation budget: ${limit}`);
  }
}

/** One enrolment in a simulation: the journey driver on the virtual clock, with in-memory effects. */
export class SimulatedEnrolment {
  readonly lane = new Lane();
  readonly driver: JourneyDriver;
  coupon: IssuedCoupon | undefined;
  result: DriverResult | undefined;
  endedAt: number | undefined;

  constructor(
    private readonly run: SimulationRun,
    readonly number: number,
    readonly workflowId: string,
    readonly entryKey: string | undefined,
    readonly entry: CustomerEvent,
  ) {
    this.driver = new JourneyDriver(run.interpreter, run.interpreter.journey.version, entry, this.#port());
  }

  /** Enters the customer and runs until the first wait. */
  start(): Promise<void> {
    this.#record(this.run.interpreter.triggerId, `entered on ${this.entry.type}`);
    return this.lane.start(async () => {
      this.result = await this.driver.run();
      this.endedAt = this.run.clock.now;
    });
  }

  get active(): boolean {
    return !this.lane.ended;
  }

  #record(nodeId: string, outcome: string): void {
    const step = { at: new Date(this.run.clock.now).toISOString(), nodeId, outcome };
    this.run.owner.set(step, this.number);
    this.run.steps.push(step);
  }

  #port(): DriverPort {
    const { run, lane } = this;
    const { clock, meter } = run;
    return {
      now: () => clock.now,
      wait: (ready, timeoutMs) => {
        if (ready()) return Promise.resolve(true);
        if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve(false);
        return lane.block(ready, timeoutMs === undefined ? Infinity : clock.now + timeoutMs);
      },
      sleep: (ms) => {
        meter.movedClock();
        return lane.block(() => false, clock.now + ms).then(() => undefined);
      },
      patched: () => true,
      loadCustomer: () => Promise.resolve(run.customer),
      actionKey: (nodeId, visit) => simulationIdempotencyKey(nodeId, visit, this.number),
      runAction: async (input): Promise<ActionOutcome> => {
        const def = run.registry.require(input.nodeType, input.typeVersion);
        if (def.behaviour.kind !== 'action') throw new Error(`node type ${input.nodeType} is not an action`);
        run.notes = [];
        run.acting = this;
        const sent = run.messages.length;
        const result = await def.behaviour.run(
          def.config.parse(input.config),
          actionContext(input, { now: clock.now, customer: run.customer, services: run.services, coupon: this.coupon }),
        );
        for (const m of run.messages.slice(sent)) run.owner.set(m, this.number);
        if (result.retryAt !== undefined) return result;
        const said = [result.summary?.replace(/ \(sim-\d+\)$/, ''), ...run.notes].filter(Boolean).join('; ');
        return { ...result, summary: said || undefined };
      },
      report: () => Promise.resolve(),
      recordExit: () => Promise.resolve(),
      checkpoint: () => Promise.resolve(),
      stepped: (nodeId, outcome) => {
        if (outcome.kind === 'slept' || outcome.kind === 'waited') meter.movedClock();
        this.#record(nodeId, describe(outcome));
      },
      beforeStep: () => {
        const limit = meter.exhausted(run.steps, run.messages);
        if (limit) throw new OutOfBudget(limit);
      },
    };
  }
}

/** A step's outcome in the timeline's words. */
function describe(outcome: StepOutcome): string {
  switch (outcome.kind) {
    case 'slept':
      return outcome.port === 'next' ? 'waited' : outcome.port;
    case 'waited':
      return outcome.event ? `event ${outcome.event.type}` : 'timeout';
    case 'decided':
      return outcome.port;
    case 'acted':
      return outcome.summary ? `${outcome.port}: ${outcome.summary}` : outcome.port;
    case 'left':
      return outcome.reason;
  }
}
