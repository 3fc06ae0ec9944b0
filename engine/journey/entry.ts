import type { CustomerEvent } from '../events/schema';
import type { NodeRegistry } from '../nodes/registry';
import { durationToMs } from './duration';
import type { Journey } from './schema';

type JourneySettings = Journey['settings'];

/**
 * The Temporal workflow id of one enrolment. Deterministic, so a duplicate trigger cannot enrol
 * twice, and readable in the Temporal Web UI: `journey:<journeyId>:<customerId>[:<orderId>]`.
 */
export function enrolmentWorkflowId(journeyId: string, customerId: string, entryKey?: string): string {
  return ['journey', journeyId, customerId, ...(entryKey === undefined ? [] : [entryKey])].join(':');
}

export interface Entry {
  workflowId: string;
  entryKey?: string | undefined;
}

/**
 * A manual (API) enrolment: `data.journeyId` names the one journey it is for, whatever that
 * journey's trigger. The customer enters once (`journey:<journeyId>:<customerId>`), subject to the
 * journey's re-entry rules like any entry.
 */
export const manualEnrolEventType = 'journey.enrol';

/** Whether `event` enrols its customer in `journey`, and under which workflow id. Pure. */
export async function entryFor(journey: Journey, registry: NodeRegistry, event: CustomerEvent): Promise<Entry | undefined> {
  if (event.type === manualEnrolEventType) {
    return event.data.journeyId === journey.id ? { workflowId: enrolmentWorkflowId(journey.id, event.customerId) } : undefined;
  }
  for (const node of journey.nodes) {
    const def = registry.get(node.type, node.typeVersion);
    if (!def || def.behaviour.kind !== 'trigger') continue;
    const config = def.config.parse(node.config);
    if (!(await def.behaviour.accepts(config, event, { journeyId: journey.id }))) continue;
    const entryKey = def.behaviour.entryKey(config, event);
    return { workflowId: enrolmentWorkflowId(journey.id, event.customerId, entryKey), entryKey };
  }
  return undefined;
}

/** The event types a journey listens to while customers are in it (wait-for-event steps, exit criteria). */
export function awaitedEventTypes(journey: Journey, registry: NodeRegistry): string[] {
  const types = new Set<string>((journey.settings.exitWhen ?? []).map((w) => w.eventType));
  for (const node of journey.nodes) {
    const def = registry.get(node.type, node.typeVersion);
    if (def?.behaviour.kind === 'waitForEvent') types.add(def.behaviour.wait(def.config.parse(node.config)).eventType);
  }
  return [...types];
}

/**
 * What an event that matches a journey's entry does to the enrolment under its workflow id:
 * `start` a first one, `reactivate` a finished one (re-entry allowed and any cool-down passed),
 * `signal` the one still running (it gets the event like any other), or `refuse`.
 */
export type Admission = 'start' | 'reactivate' | 'signal' | 'refuse';

/** An enrolment as admission sees it: running (`active`) or finished (`completed`, with its end). */
export interface KnownEnrolment {
  status: string;
  endedAt?: string | null | undefined;
}

/** Whether a journey lets a customer whose enrolment ended enter again (its workflow id may be reused). */
export function allowsReEntry(settings: Pick<JourneySettings, 'reEntry'>): boolean {
  return settings.reEntry === 'after-exit' || settings.reEntry === 'cooldown';
}

/** Pure: the production router and the simulator decide entry with it. */
export function admission(known: KnownEnrolment | undefined, settings: Pick<JourneySettings, 'reEntry' | 'reEntryCooldown'>, occurredAt: string): Admission {
  if (!known) return 'start';
  if (known.status !== 'completed') return 'signal';
  if (!allowsReEntry(settings)) return 'refuse';
  if (settings.reEntry === 'cooldown' && !cooledDown(known.endedAt, settings.reEntryCooldown, occurredAt)) return 'refuse';
  return 'reactivate';
}

/** Whether the cool-down after an enrolment that ended at `endedAt` has passed when the event happened. */
function cooledDown(endedAt: string | null | undefined, cooldown: string | undefined, occurredAt: string): boolean {
  if (!endedAt || !cooldown) return true;
  return Date.parse(occurredAt) >= Date.parse(endedAt) + durationToMs(cooldown);
}
