import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { createRegistry, DEFAULT_ACTIVITY, Interpreter, JourneyDriver, makeIdempotencyKey, type ActivityOptions, type DriverPort } from '../engine/index';
import type { JourneyActivities } from './activities';
import { eventSignal, pauseSignal, progressQuery, resumeSignal, stopSignal, type JourneyWorkflowInput, type JourneyWorkflowResult } from './shared';

/** The activities scheduled with `options`: a node's published ones (plugins), else the defaults every journey had before options existed. */
const activitiesWith = (options: ActivityOptions) =>
  proxyActivities<JourneyActivities>({
    startToCloseTimeout: options.startToCloseTimeoutMs,
    retry: {
      maximumAttempts: options.retry.maximumAttempts,
      initialInterval: options.retry.initialIntervalMs,
      backoffCoefficient: options.retry.backoffCoefficient,
      maximumInterval: options.retry.maximumIntervalMs,
      ...(options.retry.nonRetryableErrorTypes ? { nonRetryableErrorTypes: options.retry.nonRetryableErrorTypes } : {}),
    },
  });
const { loadCustomer, runAction, recordExit } = activitiesWith(DEFAULT_ACTIVITY);

// A local activity: no task queue round trip and no scheduled/started events in history, and a
// failed report is dropped (the figures are best effort; the customer never waits on them).
const { reportSteps } = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 5 },
});

/**
 * One customer's walk through one published journey version: the engine's journey driver
 * (engine/driver) on Temporal's primitives — timers, conditions, activities, continue-as-new.
 */
export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyWorkflowResult> {
  const { journey, version, entry } = input;
  const info = workflowInfo();
  const run = input.enrolmentRun ?? info.firstExecutionRunId;
  const port: DriverPort = {
    now: () => Date.now(),
    wait: (ready, timeoutMs) => (timeoutMs === undefined ? condition(ready).then(() => true) : condition(ready, timeoutMs)),
    sleep: (ms) => sleep(ms),
    patched: (change) => patched(change),
    loadCustomer: () => loadCustomer(entry.customerId),
    actionKey: (nodeId, visit) => makeIdempotencyKey({ workflowId: info.workflowId, runId: run, nodeId, visit }),
    runAction: (action, options) =>
      (options ? activitiesWith(options).runAction : runAction)(action).catch((e: unknown) => {
        // An action that failed for good (retries spent, or not retryable): the customer leaves,
        // recorded with the failure's type, rather than the workflow failing and leaving the
        // enrolment open. Histories recorded before this keep failing as they did.
        if (e instanceof ActivityFailure && patched('record-failed-actions')) return { failed: failureType(e) };
        throw e;
      }),
    report: async (batch) => {
      try {
        await reportSteps({ workflowId: info.workflowId, runId: run, journeyId: journey.id, journeyVersion: version, ...batch });
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
      }
    },
    recordExit: (nodeId, reason) => recordExit({ workflowId: info.workflowId, nodeId, reason }),
    checkpoint: (carried) => (workflowInfo().continueAsNewSuggested ? continueAsNew<typeof journeyWorkflow>({ ...input, carried: carried() }) : undefined),
  };
  const interpreter = new Interpreter(journey, createRegistry(), { opaqueActions: true });
  const driver = new JourneyDriver(interpreter, version, entry, port, input.carried);
  setHandler(eventSignal, (event) => driver.receive(event));
  setHandler(pauseSignal, () => driver.pause());
  setHandler(stopSignal, () => driver.stop());
  setHandler(resumeSignal, () => driver.resume());
  setHandler(progressQuery, () => driver.progress());
  return driver.run();
}

/** The failure's error type (e.g. OutboundRefused), for the exit reason; never its message, which may hold customer data. */
function failureType(e: ActivityFailure): string {
  const cause = e.cause;
  return cause instanceof ApplicationFailure && cause.type ? cause.type : (cause?.name ?? 'Error');
}
