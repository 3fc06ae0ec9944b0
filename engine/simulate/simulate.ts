import { isValidTimeZone } from '../facts/dates';
import { decisionFacts } from '../facts/decision-facts';
import type { MessagingSettings } from '../guardrails/settings';
import type { CustomerEvent } from '../events/schema';
import { entryFor } from '../journey/entry';
import type { Journey } from '../journey/schema';
import { eventMatchesWait, Interpreter, type RunState } from '../interpreter/interpreter';
import type { IssuedCoupon } from '../nodes/define';
import type { NodeRegistry } from '../nodes/registry';
import { BudgetMeter, DEFAULT_SIMULATION_BUDGET, type BudgetLimit, type SimulationBudget } from './budget';
import { simulatedServices, type SimulatedCampaign, type SimulatedMessage } from './services';

export interface SimulationInput {
  journey: Journey;
  registry: NodeRegistry;
  /** The customer's profile (id, name, phone, timezone, attributes…) with `facts`. */
  customer: Record<string, unknown> & { id: string };
  /** What the customer does, in any order; the first event the trigger accepts enrols them. */
  events: { at: string; type: string; data?: Record<string, unknown> | undefined }[];
  from: string;
  until: string;
  messaging: MessagingSettings;
  shopTimezone: string;
  /** The shop's coupon campaigns by id (the value and validity simulated coupons get). */
  campaign?: ((id: string) => Promise<SimulatedCampaign | undefined>) | undefined;
  /** Limits on the work done; any left out take DEFAULT_SIMULATION_BUDGET's. */
  budget?: Partial<SimulationBudget> | undefined;
  /** Real time in milliseconds, for the wall-time limit; Date.now unless a test gives another. */
  wallClock?: (() => number) | undefined;
}

export interface SimulationStep {
  at: string;
  nodeId: string;
  outcome: string;
}

export interface SimulationResult {
  entered: boolean;
  steps: SimulationStep[];
  messages: SimulatedMessage[];
  exitedAt: string | null;
  /**
   * How it ended: `exit-node`, `exit-when <event>`, `step-limit`, `not-entered`, `still-inside` at
   * `until`, or `budget` when a limit of the budget ran out (the timeline so far is kept).
   */
  reason: string;
  /** Where the customer is at `until` when still inside, or where the run stopped on a budget. */
  waitingAt?: string | undefined;
  /** The limit that ran out and its value, when reason is `budget`. */
  budget?: { limit: BudgetLimit; max: number } | undefined;
}

/**
 * Runs the production interpreter on a virtual clock: the same node behaviours, the same order
 * of checks as the journey workflow (exit criteria, then the step; a wait-for-event sees events
 * since the previous one), the same guardrails as the outbox. Nothing is sent or stored.
 */
export async function simulateJourney(input: SimulationInput): Promise<SimulationResult> {
  const { journey, registry } = input;
  const meter = new BudgetMeter({ ...DEFAULT_SIMULATION_BUDGET, ...input.budget }, input.wallClock ?? Date.now);
  const interpreter = new Interpreter(journey, registry);
  const customer = structuredClone(input.customer);
  const from = Date.parse(input.from);
  const until = Date.parse(input.until);
  const events: CustomerEvent[] = input.events
    .map((e, i) => ({ id: `sim-${i + 1}`, type: e.type, customerId: customer.id, occurredAt: new Date(e.at).toISOString(), data: e.data ?? {} }))
    .filter((e) => Date.parse(e.occurredAt) >= from && Date.parse(e.occurredAt) <= until)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const steps: SimulationStep[] = [];
  const messages: SimulatedMessage[] = [];
  const iso = (t: number) => new Date(t).toISOString();

  let entryIndex = -1;
  for (let i = 0; i < events.length && entryIndex < 0; i++) if (await entryFor(journey, registry, events[i]!)) entryIndex = i;
  if (entryIndex < 0) return { entered: false, steps, messages, exitedAt: null, reason: 'not-entered' };
  const entry = events[entryIndex]!;
  let now = Date.parse(entry.occurredAt);
  steps.push({ at: iso(now), nodeId: interpreter.triggerId, outcome: `entered on ${entry.type}` });

  const own = customer.timezone;
  const timezone = typeof own === 'string' && own && isValidTimeZone(own) ? own : journey.settings.timezone;
  const exitWhen = journey.settings.exitWhen ?? [];
  let next = entryIndex + 1;
  let inbox: CustomerEvent[] = [];
  const exitQueue: CustomerEvent[] = [];
  let lastEvent: CustomerEvent | undefined;
  let lastCoupon: IssuedCoupon | undefined;
  const at = (e: CustomerEvent) => Date.parse(e.occurredAt);
  /** Delivers the next event (as the workflow's signal handler would) and moves the clock to it. */
  const receive = (): CustomerEvent => {
    const e = events[next++]!;
    now = Math.max(now, at(e));
    inbox.push(e);
    if (exitWhen.some((w) => w.eventType === e.type)) exitQueue.push(e);
    return e;
  };
  const exitReason = async (): Promise<string | undefined> => {
    while (exitQueue.length > 0) {
      const e = exitQueue.shift()!;
      for (const w of exitWhen) {
        if (await eventMatchesWait({ eventType: w.eventType, sameOrder: w.sameOrder, condition: w.condition, timeoutMs: 0 }, e, entry)) return `exit-when ${w.eventType}`;
      }
    }
    return undefined;
  };
  const services = simulatedServices({ clock: () => now, messaging: input.messaging, shopTimezone: input.shopTimezone, customer, messages, notes: (t) => notes.push(t), campaign: input.campaign });
  const issue = services.coupons.issue.bind(services.coupons);
  services.coupons.issue = async (...args) => {
    const coupon = await issue(...args);
    if (coupon) lastCoupon = coupon;
    return coupon;
  };
  let notes: string[] = [];

  const leave = (nodeId: string, reason: string): SimulationResult => {
    steps.push({ at: iso(now), nodeId, outcome: reason });
    return { entered: true, steps, messages, exitedAt: iso(now), reason };
  };
  const stillInside = (nodeId: string): SimulationResult => ({ entered: true, steps, messages, exitedAt: null, reason: 'still-inside', waitingAt: nodeId });
  /** Moves the clock to `end`, delivering events on the way; an exit event stops it there. */
  const passTime = async (end: number): Promise<string | undefined> => {
    while (next < events.length && at(events[next]!) <= end) {
      receive();
      const reason = await exitReason();
      if (reason) return reason;
    }
    now = Math.max(now, end);
    return undefined;
  };

  const outOfBudget = (nodeId: string, limit: BudgetLimit): SimulationResult => ({
    entered: true,
    steps,
    messages,
    exitedAt: null,
    reason: 'budget',
    waitingAt: nodeId,
    budget: { limit, max: meter.budget[limit] },
  });

  let state: RunState = interpreter.enter();
  for (;;) {
    const limit = meter.exhausted(steps, messages);
    if (limit) return outOfBudget(state.cursor, limit);
    const leaving = await exitReason();
    if (leaving) return leave(state.cursor, leaving);
    const step = interpreter.instruction(state);
    let port = 'next';
    let slept: boolean | undefined;
    switch (step.kind) {
      case 'exit':
        return leave(step.nodeId, step.reason);
      case 'sleep': {
        const end = interpreter.sleepEnd(state, { now, timezone, customer, entry });
        meter.movedClock();
        slept = end.at > now;
        if (end.at > until) {
          const reason = await passTime(until);
          return reason ? leave(step.nodeId, reason) : stillInside(step.nodeId);
        }
        const reason = await passTime(end.at);
        if (reason) return leave(step.nodeId, reason);
        port = end.port;
        steps.push({ at: iso(now), nodeId: step.nodeId, outcome: port === 'next' ? 'waited' : port });
        break;
      }
      case 'waitForEvent': {
        meter.movedClock();
        const deadline = now + step.wait.timeoutMs;
        let found: CustomerEvent | undefined;
        let checked = 0;
        for (;;) {
          for (; checked < inbox.length && !found; checked++) if (await eventMatchesWait(step.wait, inbox[checked]!, entry)) found = inbox[checked];
          if (found) break;
          const reason = await exitReason();
          if (reason) return leave(step.nodeId, reason);
          if (next >= events.length || at(events[next]!) > Math.min(deadline, until)) break;
          receive();
        }
        inbox = [];
        if (!found && deadline > until) {
          now = until;
          return stillInside(step.nodeId);
        }
        if (found) lastEvent = found;
        else now = Math.max(now, deadline);
        port = found ? 'event' : 'timeout';
        steps.push({ at: iso(now), nodeId: step.nodeId, outcome: found ? `event ${found.type}` : 'timeout' });
        break;
      }
      case 'decide':
        port = await interpreter.decide(state, decisionFacts({ event: entry, lastEvent, customer }));
        steps.push({ at: iso(now), nodeId: step.nodeId, outcome: port });
        break;
      case 'action': {
        const def = registry.require(step.nodeType, step.typeVersion);
        if (def.behaviour.kind !== 'action') throw new Error(`node type ${step.nodeType} is not an action`);
        notes = [];
        const result = await def.behaviour.run(def.config.parse(step.config), {
          journeyId: journey.id,
          journeyVersion: journey.version,
          nodeId: step.nodeId,
          idempotencyKey: `simulation/${step.nodeId}/${step.visit}`,
          priority: journey.settings.priority ?? 5,
          sendRate: journey.settings.sendRate,
          now,
          customer,
          event: entry,
          services,
          coupon: lastCoupon,
        });
        if (result.retryAt !== undefined) {
          meter.movedClock();
          const reason = await passTime(Math.min(Date.parse(result.retryAt), until));
          if (reason) return leave(step.nodeId, reason);
          if (now >= until) return stillInside(step.nodeId);
          continue;
        }
        port = result.port ?? 'next';
        const said = [result.summary?.replace(/ \(sim-\d+\)$/, ''), ...notes].filter(Boolean).join('; ');
        steps.push({ at: iso(now), nodeId: step.nodeId, outcome: said ? `${port}: ${said}` : port });
        break;
      }
    }
    state = interpreter.advance(state, port, slept);
    if (now > until) return stillInside(state.cursor);
  }
}
