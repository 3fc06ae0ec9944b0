import type { ActionResult } from '../engine/index';
import type { ActionInput, ExitInput, StepReportInput } from './shared';

/**
 * The journey workflow's activities as the workflow calls them: the contract between the
 * deterministic workflow and the side that does I/O. Their inputs and results are recorded in
 * history, so a change here is a change of the recorded histories. Implemented by
 * server/worker/journey-activities.ts.
 */
export interface JourneyActivities {
  /** The customer's profile and facts, computed fresh when a decision or action needs them. */
  loadCustomer(customerId: string): Promise<Record<string, unknown> & { id: string }>;
  /** Runs an action node's handler. The outbox's idempotency key makes a retry harmless. */
  runAction(input: ActionInput): Promise<ActionResult>;
  /** Records why and where the customer left the journey. */
  recordExit(input: ExitInput): Promise<void>;
  /** Adds a batch of steps to the step log; a local activity, applied once per (run, seq). */
  reportSteps(input: StepReportInput): Promise<void>;
}
