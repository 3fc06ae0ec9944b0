import { factChangeEventTypes } from '../facts/changes';
import { broadcastDueEventType } from '../nodes/builtin/trigger-broadcast';
import { calendarDueEventType } from '../nodes/builtin/trigger-date';
import { segmentEventTypes } from '../nodes/builtin/trigger-segment';
import { manualEnrolEventType } from './entry';
import type { Journey } from './schema';

/**
 * Where a journey's customers run. `urgent`: work whose timing is the customer's own (a payment
 * reminder after their order, order care) — its own task queue and worker, so it keeps its timing
 * however much bulk work is queued. `bulk`: work that enrols many customers at one moment
 * (broadcasts, the daily date-trigger run, facts-change triggers, bulk enrolment, cohorts).
 */
export type Lane = 'urgent' | 'bulk';

/** Entry events that arrive for many customers at once: their enrolments are bulk work. */
export const bulkEntryEventTypes: readonly string[] = [
  broadcastDueEventType,
  calendarDueEventType,
  manualEnrolEventType,
  ...factChangeEventTypes,
  ...segmentEventTypes,
];

/**
 * The lane of a journey's enrolment. A journey the shop marks urgent always runs urgent. Otherwise
 * the entry decides: an enrolment by a bulk entry event (broadcast, date, facts change, bulk enrol)
 * is bulk, one by a customer's own event is urgent. Without an entry (a cohort of the journey) the
 * journey's triggers decide: urgent only if one of them is a customer's own event.
 */
export function journeyLane(journey: Pick<Journey, 'settings' | 'nodes'>, entryEventType?: string): Lane {
  if (journey.settings.urgent === true) return 'urgent';
  if (entryEventType !== undefined) return bulkEntryEventTypes.includes(entryEventType) ? 'bulk' : 'urgent';
  return journey.nodes.some(isOwnEventTrigger) ? 'urgent' : 'bulk';
}

function isOwnEventTrigger(node: Journey['nodes'][number]): boolean {
  if (node.type !== 'trigger.event') return false;
  const eventType = (node.config as { eventType?: unknown }).eventType;
  // The trigger's default event is order.created (engine/nodes/builtin/trigger-event.ts).
  return typeof eventType !== 'string' || !bulkEntryEventTypes.includes(eventType);
}
