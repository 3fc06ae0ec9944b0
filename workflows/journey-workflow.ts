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
import { createRegistry, decisionFacts, eventMatchesWait, Interpreter, isValidTimeZone, type ActivityOptions, type CustomerEvent, type EventWait } from '../engine/index';
import type { JourneyActivities } from './activities';
import { StepTally } from './step-tally';
import {
  eventSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  stopSignal,
  type JourneyWorkflowInput,
  type JourneyWorkflowResult,
} from './shared';

const { loadCustomer, runAction, recordExit } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

// A local activity: no task queue round trip and no scheduled/started events in history, and a
// failed report is dropped (the figures are best effort; the customer never waits on them).
const { reportSteps } = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 5 },
});

/**
 * runAction scheduled with the timeout and retries a node's definition declares (plugins), as
 * stamped into the published document. Nodes without options use the defaults above, so journeys
 * published before options existed schedule exactly the commands they always did.
 */
function runActionWith(options: ActivityOptions): JourneyActivities['runAction'] {
  const { retry } = options;
  return proxyActivities<JourneyActivities>({
    startToCloseTimeout: options.startToCloseTimeoutMs,
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      ...(retry.nonRetryableErrorTypes ? { nonRetryableErrorTypes: retry.nonRetryableErrorTypes } : {}),
    },
  }).runAction;
}

/** How many event ids a journey remembers to drop duplicate deliveries. */
const SEEN_EVENTS_KEPT = 200;
/** Unconsumed events kept for the next wait-for-event step; older ones are dropped first. */
const INBOX_KEPT = 100;

/**
 * One customer's walk through one published journey version. A thin loop over the engine's pure
 * interpreter: it asks what to do next and does it with Temporal's primitives (timers, signals,
 * activities). Node types are not named here; the registry and interpreter know them.
 */
export async function journeyWorkflow(input: JourneyWorkflowInput): Promise<JourneyWorkflowResult> {
  const { journey, version, entry } = input;
  const interpreter = new Interpreter(journey, createRegistry(), { opaqueActions: true });
  const info = workflowInfo();

  let state = input.carried?.state ?? interpreter.enter();
  // Events received since the previous wait-for-event step ended (or since entry); the next such
  // step looks for its event among them first, so an early payment still counts.
  let inbox: CustomerEvent[] = input.carried?.inbox ?? [];
  const seen = new Set<string>(input.carried?.seenEventIds ?? [entry.id]);
  let lastEvent = input.carried?.lastEvent;
  let paused = input.carried?.paused ?? false;
  let stopped = input.carried?.stopped ?? false;
  let waitingFor: string | undefined;
  // Documents published before exit criteria existed have no such field.
  const exitWhen = journey.settings.exitWhen ?? [];
  // Events not yet checked against the exit criteria; checked between steps and during waits.
  const exitQueue: CustomerEvent[] = [];
  // The steps taken, for the step log; journeys recorded before it report nothing, so replay is unchanged.
  const tally = patched('step-log') ? new StepTally(input.carried?.steps) : undefined;
  if (tally && !input.carried) {
    tally.enteredNode(interpreter.triggerId);
    tally.moved(interpreter.triggerId, state.cursor);
  }
  /** Sends the steps taken since the last report, now that the customer waits at `waitingAt` (null: moving on or gone). */
  const report = async (waitingAt: string | null): Promise<void> => {
    const batch = tally?.take(waitingAt);
    if (!batch) return;
    try {
      await reportSteps({ workflowId: info.workflowId, runId: info.firstExecutionRunId, journeyId: journey.id, journeyVersion: version, ...batch });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
    }
  };

  setHandler(eventSignal, (event) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > SEEN_EVENTS_KEPT) seen.delete(seen.values().next().value!);
    inbox.push(event);
    if (inbox.length > INBOX_KEPT) inbox.shift();
    if (exitWhen.some((w) => w.eventType === event.type)) exitQueue.push(event);
  });
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(stopSignal, () => void (stopped = true));
  setHandler(resumeSignal, () => void (paused = false));
  setHandler(progressQuery, () => ({ nodeId: state.cursor, paused, waitingFor }));

  const interrupted = () => stopped || exitQueue.length > 0;
  /** Why the customer must leave now (the journey was stopped, an exit event came), if they must. */
  const exitReason = async (): Promise<string | undefined> => {
    if (stopped) return 'stopped';
    while (exitQueue.length > 0) {
      const event = exitQueue.shift()!;
      for (const w of exitWhen) {
        if (await eventMatchesWait({ eventType: w.eventType, sameOrder: w.sameOrder, condition: w.condition, timeoutMs: 0 }, event, entry)) return `exit-when ${w.eventType}`;
      }
    }
    return undefined;
  };
  /** Sleeps `ms` unless an exit comes first; returns the exit's reason then. */
  const sleepUnlessExit = async (ms: number): Promise<string | undefined> => {
    // Journeys recorded before waits could be interrupted keep their plain timers on replay.
    if (!patched('interruptible-waits')) return void (await sleep(ms));
    const deadline = Date.now() + ms;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      if (!(await condition(interrupted, remaining))) return undefined;
      const reason = await exitReason();
      if (reason) return reason;
    }
  };

  const awaitEvent = async (wait: EventWait): Promise<CustomerEvent | { exit: string } | undefined> => {
    const deadline = Date.now() + wait.timeoutMs;
    let checked = 0;
    waitingFor = wait.eventType;
    try {
      for (;;) {
        for (; checked < inbox.length; checked++) {
          const candidate = inbox[checked]!;
          if (await eventMatchesWait(wait, candidate, entry)) return candidate;
        }
        const reason = await exitReason();
        if (reason) return { exit: reason };
        const remaining = deadline - Date.now();
        if (remaining <= 0 || !(await condition(() => inbox.length > checked || interrupted(), remaining))) return undefined;
      }
    } finally {
      inbox = [];
      waitingFor = undefined;
    }
  };

  const leave = async (nodeId: string, reason: string): Promise<JourneyWorkflowResult> => {
    await report(null);
    await recordExit({ workflowId: info.workflowId, nodeId, reason });
    return { exitNodeId: nodeId, reason };
  };

  for (;;) {
    // A paused journey holds its customers here, between steps, until it is resumed.
    if (paused) await report(state.cursor);
    await condition(() => !paused || stopped);
    const leaving = await exitReason();
    if (leaving) return leave(state.cursor, leaving);
    const step = interpreter.instruction(state);
    let port = 'next';
    // Whether a sleep set a timer; undefined for other steps (the interpreter decides).
    let slept: boolean | undefined;
    switch (step.kind) {
      case 'exit':
        if (step.reason === 'exit-node') tally?.passedNode(step.nodeId);
        await report(null);
        await recordExit({ workflowId: info.workflowId, nodeId: step.nodeId, reason: step.reason });
        return { exitNodeId: step.nodeId, reason: step.reason };
      case 'sleep': {
        const customer = step.needsCustomer ? await loadCustomer(entry.customerId) : undefined;
        // A zone Intl does not know would make every wall-clock computation throw: the shop's then.
        const own = customer?.timezone;
        const timezone = typeof own === 'string' && own && isValidTimeZone(own) ? own : journey.settings.timezone;
        const end = interpreter.sleepEnd(state, { now: Date.now(), timezone, customer, entry });
        const ms = end.at - Date.now();
        // A wake-up time already past (a date attribute in the past) goes on without a timer.
        if (ms > 0) {
          await report(step.nodeId);
          const reason = await sleepUnlessExit(ms);
          if (reason) return leave(step.nodeId, reason);
        }
        port = end.port;
        slept = ms > 0;
        break;
      }
      case 'waitForEvent': {
        await report(step.nodeId);
        const event = await awaitEvent(step.wait);
        if (event && 'exit' in event) return leave(step.nodeId, event.exit);
        if (event) lastEvent = event;
        port = event ? 'event' : 'timeout';
        break;
      }
      case 'decide': {
        const customer = await loadCustomer(entry.customerId);
        port = await interpreter.decide(state, decisionFacts({ event: entry, lastEvent, customer }));
        break;
      }
      case 'action': {
        const run = step.activity ? runActionWith(step.activity) : runAction;
        const result = await run({
          journeyId: journey.id,
          journeyVersion: version,
          nodeId: step.nodeId,
          nodeType: step.nodeType,
          ...(step.typeVersion !== undefined ? { typeVersion: step.typeVersion } : {}),
          config: step.config,
          // Stable across retries, worker restarts and continue-as-new; new for each visit.
          idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/${step.nodeId}/${step.visit}`,
          customerId: entry.customerId,
          entry,
          priority: journey.settings.priority,
          ...(journey.settings.sendRate ? { sendRate: journey.settings.sendRate } : {}),
        }).catch((e: unknown) => {
          // An action that failed for good (retries spent, or not retryable): the customer leaves,
          // recorded with the failure's type, rather than the workflow failing and leaving the
          // enrolment open. Histories recorded before this keep failing as they did.
          if (e instanceof ActivityFailure && patched('record-failed-actions')) return { failed: failureType(e) };
          throw e;
        });
        if ('failed' in result) return leave(step.nodeId, `action-failed ${result.failed}`);
        if (result.retryAt !== undefined) {
          // Held (quiet hours): sleep until the given time, then run the same visit again.
          await report(step.nodeId);
          await sleep(Math.max(1, Date.parse(result.retryAt) - Date.now()));
          continue;
        }
        // A refusal (a coupon campaign used up) is counted on the step; histories from before it
        // did not record one, so they replay without the marker.
        if (result.refused !== undefined && tally && patched('action-refusals')) tally.refusedAt(step.nodeId);
        port = result.port ?? 'next';
        break;
      }
    }
    const from = state.cursor;
    state = interpreter.advance(state, port, slept);
    tally?.moved(from, state.cursor);
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof journeyWorkflow>({
        journey,
        version,
        entry,
        carried: { state, inbox, seenEventIds: [...seen], lastEvent, paused, stopped, ...(tally ? { steps: tally.state } : {}) },
      });
    }
  }
}

/** The failure's error type (e.g. OutboundRefused), for the exit reason; never its message, which may hold customer data. */
function failureType(e: ActivityFailure): string {
  const cause = e.cause;
  return cause instanceof ApplicationFailure && cause.type ? cause.type : (cause?.name ?? 'Error');
}
