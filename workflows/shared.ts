import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CarriedState, CustomerEvent, Journey } from '../engine/index';

// The wire shapes of the journey driver (engine/driver): the continue-as-new input and the runAction input.
export type { ActionInput, CarriedState } from '../engine/index';

/** The task queue journey workflows and their activities run on, unless configured otherwise. */
export const DEFAULT_TASK_QUEUE = 'huitou-journeys';

/** A customer event reaching a running journey (also the signal of signalWithStart on entry). */
export const eventSignal = defineSignal<[CustomerEvent]>('event');
/** Hold the customer before their next step, until resumed. */
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
/** The journey was stopped: the customer leaves at once, wherever they are (recorded as `stopped`). */
export const stopSignal = defineSignal('stop');
/** Where the customer is: the current node and whether the journey holds them. */
export const progressQuery = defineQuery<JourneyProgress>('progress');

export interface JourneyProgress {
  nodeId: string;
  paused: boolean;
  waitingFor?: string | undefined;
}

export interface JourneyWorkflowInput {
  /** The published version's document: a customer finishes on the version they entered. */
  journey: Journey;
  version: number;
  entry: CustomerEvent;
  /** Carried across continue-as-new. */
  carried?: CarriedState | undefined;
  /**
   * The run that keys the enrolment's actions and step reports, when it began in a cohort (the
   * cohort's first run id): a member handed to its own workflow keeps its idempotency keys.
   */
  enrolmentRun?: string | undefined;
}

export interface JourneyWorkflowResult {
  exitNodeId: string;
  reason: string;
}

export interface ExitInput {
  workflowId: string;
  nodeId: string;
  reason: string;
}

/** A batch of steps for the step log (engine/driver/step-tally.ts makes these; server/journeys/step-log.ts counts them). */
export interface StepReportInput {
  workflowId: string;
  /** The first execution's run id: with `seq`, what makes a retried report a no-op. */
  runId: string;
  /** 1, 2, 3… per enrolment run, carried across continue-as-new. */
  seq: number;
  journeyId: string;
  journeyVersion: number;
  /** Per node id, how many times the customer arrived at it since the last report. */
  entered: Record<string, number>;
  /** Per node id, how many times the customer finished it and went on. */
  passed: Record<string, number>;
  /** Per node id, actions that refused to do their work and let the customer go on (a coupon campaign used up). */
  refused?: Record<string, number> | undefined;
  /** The node the customer now waits at, or null when they move on or have left. */
  waitingAt: string | null;
}
