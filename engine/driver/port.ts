import type { CustomerEvent } from '../events/schema';
import type { RunState } from '../interpreter/interpreter';
import type { ActivityOptions } from '../nodes/define';
import type { ActionInput, ActionOutcome } from './action-input';
import type { StepBatch, StepTallyState } from './step-tally';

export type Customer = Record<string, unknown> & { id: string };

/**
 * What a journey driver needs of the runtime that hosts it: a clock, a way to block, and the
 * effects. The Temporal workflow implements it with timers, conditions and activities; the
 * simulator with a virtual clock and in-memory services.
 */
export interface DriverPort {
  now(): number;
  /**
   * Resolves true once `ready()` holds (checked again whenever something reaches the driver),
   * false when `timeoutMs` passes first; without a timeout it waits as long as it takes.
   */
  wait(ready: () => boolean, timeoutMs?: number): Promise<boolean>;
  /** Lets `ms` pass, whatever arrives meanwhile. */
  sleep(ms: number): Promise<void>;
  /** Whether this run takes the newer path of a versioned change (Temporal's patched; the simulator: always). */
  patched(change: string): boolean;
  loadCustomer(): Promise<Customer>;
  /** The key of one visit of an action (engine/driver/idempotency-key.ts). */
  actionKey(nodeId: string, visit: number): string;
  /** Runs an action with the activity options its node was published with (absent: the defaults). */
  runAction(input: ActionInput, activity: ActivityOptions | undefined): Promise<ActionOutcome>;
  /** Sends a batch of steps to the step log. */
  report(batch: StepBatch): Promise<void>;
  recordExit(nodeId: string, reason: string): Promise<void>;
  /** Called after each step with what the customer carries; the workflow continues as new here when its history grows long. */
  checkpoint(carried: () => CarriedState): Promise<void> | undefined;
  /** Told what each step came to, for a timeline (the simulator's); the workflow leaves it out. */
  stepped?(nodeId: string, outcome: StepOutcome): void;
  /** Called before each step; the simulator stops a run that ran out of budget here by throwing. */
  beforeStep?(nodeId: string): void;
  /**
   * Decides a decision step elsewhere (a cohort decides for all its members in one activity, with
   * the facts read in one query); absent, the driver loads the customer and decides itself.
   */
  decide?(state: RunState, lastEvent: CustomerEvent | undefined): Promise<string>;
  /**
   * Offered the customer before a wait for their own event: a cohort hands such a member to a
   * workflow of its own, carrying its state, and answers true; the driver then ends here.
   */
  handOff?(nodeId: string, carried: CarriedState): Promise<boolean>;
}

export type StepOutcome =
  | { kind: 'slept'; port: string }
  | { kind: 'waited'; event: CustomerEvent | undefined }
  | { kind: 'decided'; port: string }
  | { kind: 'acted'; port: string; summary: string | undefined }
  | { kind: 'left'; reason: string };

/** What an enrolment carries across continue-as-new (a stored contract: it is in workflow histories). */
export interface CarriedState {
  state: RunState;
  inbox: CustomerEvent[];
  seenEventIds: string[];
  lastEvent?: CustomerEvent | undefined;
  paused: boolean;
  stopped?: boolean | undefined;
  /** Steps not yet reported to the step log (absent before the step log, or in runs without it). */
  steps?: StepTallyState | undefined;
}

export interface DriverResult {
  exitNodeId: string;
  reason: string;
  /** The customer went on in a runtime of their own (handOff); nothing was recorded as an exit. */
  handedOff?: true;
}
