import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ActionInput, CarriedState, CustomerEvent, Journey, RunState } from '../engine/index';
import type { ExitInput, StepReportInput } from './shared';

/**
 * One member of a cohort: the enrolment (its workflow id is the one a lone customer would have,
 * `journey:<journey>:<customer>[:<key>]`, so events, re-entry and idempotency keys are the same) and
 * the event it entered with; `carried` across continue-as-new.
 */
export interface CohortMember {
  workflowId: string;
  customerId: string;
  entry: CustomerEvent;
  carried?: CarriedState | undefined;
}

export interface CohortWorkflowInput {
  /** `cohort:<journey>:<version>:<entry>:<n>`. */
  cohortId: string;
  /** The published version's document: every member finishes on the version it entered. */
  journey: Journey;
  version: number;
  members: CohortMember[];
  /** Members handed to workflows of their own, whose late events this cohort forwards; carried across continue-as-new. */
  handedOff?: string[] | undefined;
  /** Members gone so far, per way out; carried across continue-as-new. */
  left?: Record<string, number> | undefined;
  /** History events after which the cohort continues as new (default 1,000); tests make it small. */
  historyEventsPerRun?: number | undefined;
  /** Whether the journey holds the cohort (paused); carried across continue-as-new. */
  paused?: boolean | undefined;
}

export interface CohortWorkflowResult {
  members: number;
  /** Members per way out (`completed`, `exit-when order.paid`, `stopped`, `handed-off`, …). */
  left: Record<string, number>;
}

/** An event for one member (the router signals the cohort hosting the member's enrolment). */
export interface MemberEvent {
  workflowId: string;
  event: CustomerEvent;
}
export const memberEventSignal = defineSignal<[MemberEvent]>('memberEvent');

export interface CohortProgress {
  /** Members still in the cohort, per node they are at. */
  atNode: Record<string, number>;
  paused: boolean;
  left: Record<string, number>;
}
export const cohortProgressQuery = defineQuery<CohortProgress>('cohortProgress');

/** A member's decision, made with the facts read for the whole cohort at once. */
export interface MemberDecision {
  customerId: string;
  entry: CustomerEvent;
  lastEvent?: CustomerEvent | undefined;
  state: RunState;
}

/** A member's action outcome: done, failed for good (the member leaves), or to be tried again. */
export type MemberActionOutcome =
  | { port?: string | undefined; summary?: string | undefined; retryAt?: string | undefined; refused?: string | undefined }
  | { failed: string }
  | { retry: string };

/** A member going on in a workflow of its own, with its state and the run that keys its actions. */
export interface HandOff {
  cohortId: string;
  journeyId: string;
  version: number;
  /** The cohort's first run id: the member's idempotency keys and step reports stay keyed by it. */
  enrolmentRun: string;
  members: { workflowId: string; entry: CustomerEvent; carried: CarriedState }[];
}

/**
 * The cohort workflow's activities: each does for many members what the journey workflow's
 * activities do for one. Inputs and results are recorded in history (a stored contract).
 * Implemented by server/worker/cohort-activities.ts.
 */
export interface CohortActivities {
  /** Profiles and facts of the members (for waits that read the customer), read together. */
  cohortCustomers(customerIds: string[]): Promise<(Record<string, unknown> & { id: string })[]>;
  /** The ports the members' decisions take, evaluated on facts read in one query; in order. */
  cohortDecisions(input: { journeyId: string; version: number; members: MemberDecision[] }): Promise<string[]>;
  /** Runs the members' actions (messages to the outbox together); one outcome per input, in order. */
  cohortActions(actions: { input: ActionInput; nonRetryableErrorTypes?: string[] | undefined }[]): Promise<MemberActionOutcome[]>;
  cohortExits(exits: ExitInput[]): Promise<void>;
  cohortSteps(reports: StepReportInput[]): Promise<void>;
  /** Starts a journey workflow for each member, carrying its state; the enrolment leaves the cohort. */
  cohortHandOff(input: HandOff): Promise<void>;
}
