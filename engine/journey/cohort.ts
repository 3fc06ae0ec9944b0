import type { CustomerEvent } from '../events/schema';
import { broadcastDueEventType } from '../nodes/builtin/trigger-broadcast';
import { calendarDueEventType } from '../nodes/builtin/trigger-date';
import { segmentEventTypes } from '../nodes/builtin/trigger-segment';
import { manualEnrolEventType } from './entry';

/** Members of one cohort workflow at most, unless configured otherwise. */
export const DEFAULT_COHORT_SIZE = 1000;
/** The most a cohort may hold: its members and their entry events travel in the workflow's input, which Temporal limits to 2 MB. */
export const MAX_COHORT_SIZE = 2000;

/**
 * Entries that arrive many at one moment: a broadcast, the daily date run, the stage/tier/tag
 * changes of a facts refresh and the segment entries and leavings it computes, a bulk enrol. Customers entering a journey by one of these run
 * together in cohorts; every other entry (an order, a payment, a page view — each at its own
 * moment) gets a workflow of its own.
 */
const BULK_ENTRY_TYPES = new Set([
  broadcastDueEventType,
  calendarDueEventType,
  manualEnrolEventType,
  'customer.stage_changed',
  'customer.tier_changed',
  'customer.tagged',
  ...segmentEventTypes,
]);

export function entersInCohort(event: CustomerEvent): boolean {
  return BULK_ENTRY_TYPES.has(event.type);
}

/** What a cohort's members entered by, for its id: the entry key (a broadcast's time, a date run's day), else the event type and minute. */
export function cohortEntry(event: CustomerEvent, entryKey: string | undefined): string {
  return entryKey ?? `${event.type}@${event.occurredAt.slice(0, 16)}`;
}

/** A cohort's Temporal workflow id, readable in the Web UI: `cohort:<journey>:<version>:<entry>:<n>`. */
export function cohortWorkflowId(journeyId: string, version: number, entry: string, n: number): string {
  return ['cohort', journeyId, String(version), entry, String(n)].join(':');
}
