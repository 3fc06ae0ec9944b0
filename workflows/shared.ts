import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CustomerEvent, Journey, RunState } from '../engine/index';
import type { StepTallyState } from './step-tally';

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

export interface JourneyWorkflowResult {
  exitNodeId: string;
  reason: string;
}

export interface ActionInput {
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  nodeType: string;
  /** The node type's version the journey was published with; absent in older documents (version 1). */
  typeVersion?: number;
  config: unknown;
  idempotencyKey: string;
  customerId: string;
  entry: CustomerEvent;
  /** The journey's priority; absent in histories recorded before priorities existed. */
  priority?: number | undefined;
  sendRate?: { max: number; per: string } | undefined;
}

export interface ExitInput {
  workflowId: string;
  nodeId: string;
  reason: string;
}

/** A batch of steps for the step log (server/store/step-log.ts StepReport). */
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
