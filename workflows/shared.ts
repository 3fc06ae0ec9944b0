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

/** A batch of steps for the step log (server/journeys/step-log.ts StepReport). */
export interface StepReportInput {
  workflowId: string;
  runId: string;
  seq: number;
  journeyId: string;
  journeyVersion: number;
  entered: Record<string, number>;
  passed: Record<string, number>;
  /** Per node, actions that refused (a coupon campaign used up). */
  refused?: Record<string, number>;
  waitingAt: string | null;
}
