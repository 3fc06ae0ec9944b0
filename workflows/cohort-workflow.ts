import { condition, continueAsNew, getExternalWorkflowHandle, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { createRegistry, Interpreter, JourneyDriver, makeIdempotencyKey, type CarriedState, type DriverPort } from '../engine/index';
import { CohortCalls } from './cohort-calls';
import { CohortClock } from './cohort-clock';
import { cohortProgressQuery, memberEventSignal, type CohortMember, type CohortWorkflowInput, type CohortWorkflowResult } from './cohort-shared';
import { eventSignal, pauseSignal, resumeSignal, stopSignal } from './shared';

/** History events after which a cohort continues as new when its members are all at a checkpoint: bounds the work of a replay. */
const HISTORY_EVENTS_PER_RUN = 1_000;

/**
 * Customers who entered one journey version at one moment (a broadcast, a daily date run, a facts
 * refresh, a bulk enrol), walking it together: each member is the engine's journey driver, as a
 * lone customer is, on a port that gathers what the members ask — one timer per wake time, one
 * activity per step for all (decisions on facts read in one query, messages to the outbox together).
 * A member that must wait for its own event goes on in a journey workflow of its own.
 */
export async function cohortWorkflow(input: CohortWorkflowInput): Promise<CohortWorkflowResult> {
  const { journey, version, cohortId } = input;
  const enrolmentRun = workflowInfo().firstExecutionRunId;
  const historyLimit = input.historyEventsPerRun ?? HISTORY_EVENTS_PER_RUN;
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  const clock = new CohortClock();
  const calls = new CohortCalls(clock, { cohortId, journeyId: journey.id, version, enrolmentRun });
  const interpreter = new Interpreter(journey, createRegistry(), { opaqueActions: true });
  const left: Record<string, number> = { ...input.left };
  const handedOff = new Set(input.handedOff ?? []);
  const drivers = new Map<string, JourneyDriver>();
  /** Members at a checkpoint while the history asks to continue as new, with what they carry. */
  const parked = new Map<string, { member: CohortMember; carried: CarriedState; release: () => void }>();
  let paused = false;

  const portOf = (member: CohortMember): DriverPort => ({
    now: () => Date.now(),
    wait: (ready, timeoutMs) => clock.wait(ready, timeoutMs),
    sleep: async (ms) => void (await clock.wait(() => false, ms)),
    patched: (change) => patched(change),
    loadCustomer: () => calls.customers.call(member.customerId),
    actionKey: (nodeId, visit) => makeIdempotencyKey({ workflowId: member.workflowId, runId: enrolmentRun, nodeId, visit }),
    runAction: (action, options) => calls.runAction(action, options),
    report: (batch) => calls.reports.call({ workflowId: member.workflowId, runId: enrolmentRun, journeyId: journey.id, journeyVersion: version, ...batch }),
    recordExit: (nodeId, reason) => calls.exits.call({ workflowId: member.workflowId, nodeId, reason }),
    checkpoint: (carried) => {
      if (!historyIsLong()) return undefined;
      // The member stops here: the next run of the cohort picks it up from what it carries, or,
      // when others are not at a checkpoint too, it is let go on and stops at its next one.
      return new Promise<void>((release) => parked.set(member.workflowId, { member, carried: carried(), release }));
    },
    decide: (state, lastEvent) => calls.decisions.call({ customerId: member.customerId, entry: member.entry, lastEvent, state }),
    handOff: async (_nodeId, carried) => {
      await calls.handOff({ workflowId: member.workflowId, entry: member.entry, carried });
      return true;
    },
  });

  for (const member of input.members) {
    const driver = new JourneyDriver(interpreter, version, member.entry, portOf(member), member.carried);
    if (input.paused) driver.pause();
    drivers.set(member.workflowId, driver);
  }
  paused = input.paused ?? false;
  setHandler(memberEventSignal, ({ workflowId, event }) => {
    const driver = drivers.get(workflowId);
    if (driver) driver.receive(event);
    // Routed here just before the member left for its own workflow: it goes after them.
    else if (handedOff.has(workflowId))
      void getExternalWorkflowHandle(workflowId)
        .signal(eventSignal, event)
        .catch(() => undefined);
  });
  const everyone = (held: boolean | 'stop') => () => {
    if (held !== 'stop') paused = held;
    for (const driver of drivers.values()) {
      if (held === 'stop') driver.stop();
      else if (held) driver.pause();
      else driver.resume();
    }
  };
  setHandler(pauseSignal, everyone(true));
  setHandler(resumeSignal, everyone(false));
  setHandler(stopSignal, everyone('stop'));
  setHandler(cohortProgressQuery, () => {
    const atNode: Record<string, number> = {};
    for (const driver of drivers.values()) {
      const { nodeId } = driver.progress();
      atNode[nodeId] = (atNode[nodeId] ?? 0) + 1;
    }
    return { atNode, paused, left };
  });

  let finished = false;
  let failure: unknown;
  void Promise.all(
    [...drivers].map(async ([workflowId, driver]) => {
      const result = await driver.run();
      drivers.delete(workflowId);
      if (result.handedOff) handedOff.add(workflowId);
      left[result.reason] = (left[result.reason] ?? 0) + 1;
    }),
  ).then(
    () => (finished = true),
    (e: unknown) => (failure = e ?? new Error('a cohort member failed')),
  );
  const everyoneParked = () => parked.size > 0 && parked.size === drivers.size;
  // Parked while others wait on a timer or an activity: continuing as new would wait on them.
  const parkedAlone = () => parked.size > 0 && !everyoneParked() && !calls.pending && !calls.inFlight && !clock.anyReady();
  for (;;) {
    await condition(() => finished || failure !== undefined || clock.anyReady() || calls.pending || everyoneParked() || parkedAlone());
    // A bug in a member's walk fails the workflow task (retried, visible) rather than dropping the member.
    if (failure !== undefined) throw failure;
    if (finished) return { members: Object.values(left).reduce((a, b) => a + b, 0), left };
    if (everyoneParked()) {
      await continueAsNew<typeof cohortWorkflow>({
        ...input,
        members: [...parked.values()].map(({ member, carried }) => ({ ...member, carried })),
        handedOff: [...handedOff],
        left,
        paused,
      });
    }
    if (parkedAlone()) {
      for (const { release } of parked.values()) release();
      parked.clear();
    }
    clock.release();
    calls.flush();
  }
}
