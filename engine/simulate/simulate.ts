import type { CustomerEvent } from '../events/schema';
import type { MessagingSettings } from '../guardrails/settings';
import { admission, awaitedEventTypes, entryFor } from '../journey/entry';
import type { Journey } from '../journey/schema';
import { Interpreter } from '../interpreter/interpreter';
import type { NodeRegistry } from '../nodes/registry';
import { BudgetMeter, DEFAULT_SIMULATION_BUDGET, type BudgetLimit, type SimulationBudget } from './budget';
import { OutOfBudget, SimulatedEnrolment, type SimulationRun, type SimulationStep } from './enrolment';
import { simulatedServices, type SimulatedCampaign, type SimulatedMessage } from './services';

export type { SimulationStep } from './enrolment';

export interface SimulationInput {
  journey: Journey;
  registry: NodeRegistry;
  /** The customer's profile (id, name, phone, timezone, attributes…) with `facts`. */
  customer: Record<string, unknown> & { id: string };
  /** What the customer does, in any order; each event the trigger accepts enrols them as production would. */
  events: { at: string; type: string; data?: Record<string, unknown> | undefined }[];
  from: string;
  until: string;
  messaging: MessagingSettings;
  shopTimezone: string;
  /** The shop's opt-out text (`sms.optOutText`), which marketing SMS end with as the outbox adds it; absent, none. */
  optOutText?: string | undefined;
  /** The shop's coupon campaigns by id (the value and validity simulated coupons get). */
  campaign?: ((id: string) => Promise<SimulatedCampaign | undefined>) | undefined;
  /** Limits on the work done; any left out take DEFAULT_SIMULATION_BUDGET's. */
  budget?: Partial<SimulationBudget> | undefined;
  /** Real time in milliseconds, for the wall-time limit; Date.now unless a test gives another. */
  wallClock?: (() => number) | undefined;
}

/** How one enrolment of a run with several went. */
export interface SimulatedEnrolmentOutcome {
  enrolment: number;
  /** The order (or other key) the enrolment is for, when the trigger enrols per order. */
  entryKey?: string | undefined;
  enteredAt: string;
  exitedAt: string | null;
  reason: string;
  waitingAt?: string | undefined;
}

export interface SimulationResult {
  entered: boolean;
  /** The timeline of every enrolment, in time order; each step names its enrolment when there were several. */
  steps: SimulationStep[];
  messages: (SimulatedMessage & { enrolment?: number | undefined })[];
  exitedAt: string | null;
  /**
   * How it ended: `exit-node`, `exit-when <event>`, `step-limit`, `not-entered`, `still-inside` at
   * `until`, or `budget` when a limit of the budget ran out (the timeline so far is kept). With
   * several enrolments: `still-inside` while any is, else how the last one to leave left.
   */
  reason: string;
  /** Where the customer is at `until` when still inside, or where the run stopped on a budget. */
  waitingAt?: string | undefined;
  /** The limit that ran out and its value, when reason is `budget`. */
  budget?: { limit: BudgetLimit; max: number } | undefined;
  /** Each enrolment's own end, when the customer entered more than once (several orders, re-entry). */
  enrolments?: SimulatedEnrolmentOutcome[] | undefined;
}

/**
 * Runs the production journey driver on a virtual clock: each event is offered to the journey's
 * entry as the event router offers it (an enrolment per customer or per order, re-entry rules), or
 * to the enrolments waiting for its type; every enrolment runs the same driver, node behaviours and
 * guardrails as production, one at a time on one clock. Nothing is sent or stored.
 */
export async function simulateJourney(input: SimulationInput): Promise<SimulationResult> {
  const { journey, registry } = input;
  const customer = structuredClone(input.customer);
  const from = Date.parse(input.from);
  const until = Date.parse(input.until);
  const events: CustomerEvent[] = input.events
    .map((e, i) => ({ id: `sim-${i + 1}`, type: e.type, customerId: customer.id, occurredAt: new Date(e.at).toISOString(), data: e.data ?? {} }))
    .filter((e) => Date.parse(e.occurredAt) >= from && Date.parse(e.occurredAt) <= until)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const clock = { now: from };
  const messages: SimulatedMessage[] = [];
  const run: SimulationRun = {
    clock,
    interpreter: new Interpreter(journey, registry),
    registry,
    customer,
    services: simulatedServices({
      clock: () => clock.now,
      messaging: input.messaging,
      shopTimezone: input.shopTimezone,
      optOutText: input.optOutText,
      customer,
      messages,
      notes: (t) => run.notes.push(t),
      campaign: input.campaign,
    }),
    steps: [],
    messages,
    meter: new BudgetMeter({ ...DEFAULT_SIMULATION_BUDGET, ...input.budget }, input.wallClock ?? Date.now),
    owner: new WeakMap(),
    notes: [],
    acting: undefined,
  };
  // The coupon an action issues is its enrolment's, for the templates of its later steps.
  const issue = run.services.coupons.issue.bind(run.services.coupons);
  run.services.coupons.issue = async (...args) => {
    const coupon = await issue(...args);
    if (coupon && run.acting) run.acting.coupon = coupon;
    return coupon;
  };

  const enrolments: SimulatedEnrolment[] = [];
  /** The latest enrolment under each workflow id, as the enrolments table knows it. */
  const byWorkflowId = new Map<string, SimulatedEnrolment>();
  const awaited = new Set(awaitedEventTypes(journey, registry));

  /** The event router's work for one event: entry, or delivery to the enrolments that wait for its type. */
  const route = async (event: CustomerEvent): Promise<void> => {
    const entry = await entryFor(journey, registry, event);
    if (entry) {
      const known = byWorkflowId.get(entry.workflowId);
      const decision = admission(
        known && { status: known.active ? 'active' : 'completed', endedAt: known.endedAt === undefined ? null : iso(known.endedAt) },
        journey.settings,
        event.occurredAt,
      );
      if (decision === 'signal') known!.driver.receive(event);
      if (decision === 'start' || decision === 'reactivate') {
        const enrolment = new SimulatedEnrolment(run, enrolments.length + 1, entry.workflowId, entry.entryKey, event);
        enrolments.push(enrolment);
        byWorkflowId.set(entry.workflowId, enrolment);
        await enrolment.start();
      }
    }
    if (!awaited.has(event.type)) return;
    for (const enrolment of enrolments) if (enrolment.active && enrolment.workflowId !== entry?.workflowId) enrolment.driver.receive(event);
  };

  let next = 0;
  let stopped: { enrolment: SimulatedEnrolment; limit: BudgetLimit } | undefined;
  const check = (enrolment: SimulatedEnrolment) => {
    if (!enrolment.lane.ended || enrolment.lane.failure === undefined) return;
    if (!(enrolment.lane.failure instanceof OutOfBudget)) throw enrolment.lane.failure;
    stopped ??= { enrolment, limit: enrolment.lane.failure.limit };
  };
  while (!stopped) {
    const live = enrolments.filter((e) => e.active);
    const due = live.reduce<SimulatedEnrolment | undefined>((a, e) => (!a || e.lane.deadline < a.lane.deadline ? e : a), undefined);
    const eventAt = next < events.length ? Date.parse(events[next]!.occurredAt) : Infinity;
    const deadline = due?.lane.deadline ?? Infinity;
    if (eventAt <= until && eventAt <= deadline) {
      // Events at the same instant as a timer come first, as a payment at the deadline still counts.
      run.clock.now = Math.max(run.clock.now, eventAt);
      await route(events[next++]!);
      enrolments.forEach(check);
      // Whoever the event woke goes on, one at a time, until nobody is ready.
      for (let woken = enrolments.find((e) => e.active && e.lane.ready); woken && !stopped; woken = enrolments.find((e) => e.active && e.lane.ready)) {
        await woken.lane.resume(true);
        check(woken);
      }
    } else if (due && deadline <= until) {
      run.clock.now = Math.max(run.clock.now, deadline);
      await due.lane.resume(false);
      check(due);
    } else break;
  }

  return resultOf(run, enrolments, stopped);
}

/** The run's answer: each enrolment's timeline merged, and how the customer stands at the end. */
function resultOf(
  run: SimulationRun,
  enrolments: SimulatedEnrolment[],
  stopped: { enrolment: SimulatedEnrolment; limit: BudgetLimit } | undefined,
): SimulationResult {
  const { steps, messages } = run;
  const several = enrolments.length > 1;
  const tagged = {
    steps: several ? steps.map((s) => ({ ...s, enrolment: run.owner.get(s) })) : steps,
    messages: several ? messages.map((m) => ({ ...m, enrolment: run.owner.get(m) })) : messages,
  };
  if (stopped) {
    const { enrolment, limit } = stopped;
    return {
      entered: true,
      ...tagged,
      exitedAt: null,
      reason: 'budget',
      waitingAt: enrolment.driver.progress().nodeId,
      budget: { limit, max: run.meter.budget[limit] },
    };
  }
  if (enrolments.length === 0) return { entered: false, steps, messages, exitedAt: null, reason: 'not-entered' };
  const outcomes = enrolments.map((e): SimulatedEnrolmentOutcome => {
    const ended =
      e.result && e.endedAt !== undefined
        ? { exitedAt: iso(e.endedAt), reason: e.result.reason }
        : { exitedAt: null, reason: 'still-inside', waitingAt: e.driver.progress().nodeId };
    return { enrolment: e.number, ...(e.entryKey !== undefined ? { entryKey: e.entryKey } : {}), enteredAt: e.entry.occurredAt, ...ended };
  });
  // The run ends where its customer is: inside (the latest enrolment still in) or out by the last exit.
  const inside = outcomes.filter((o) => o.exitedAt === null).at(-1);
  const last = inside ?? outcomes.reduce((a, o) => (o.exitedAt! >= a.exitedAt! ? o : a));
  const end = last.exitedAt === null ? { exitedAt: null, reason: last.reason, waitingAt: last.waitingAt } : { exitedAt: last.exitedAt, reason: last.reason };
  return { entered: true, ...tagged, ...end, ...(several ? { enrolments: outcomes } : {}) };
}

const iso = (t: number) => new Date(t).toISOString();
