/**
 * The activities of the date and broadcast triggers as their workflows call them, with the
 * shapes recorded in history. Implemented by server/worker/trigger-activities.ts over
 * server/journeys/triggers (calendar-job.ts, broadcast-page.ts).
 */
export interface TriggerActivities {
  runCalendarJob(): Promise<CalendarRunSummary>;
  broadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult>;
}

/** What one run of the calendar job found and stored. */
export interface CalendarRunSummary {
  /** The shop's calendar day the run was for. */
  day: string;
  rules: { rule: string; due: number; stored: number }[];
  /** Customers due over all rules, and how many of their events were new (a re-run stores none). */
  due: number;
  stored: number;
}

/** One page of a broadcast's audience. */
export interface BroadcastPageInput {
  journeyId: string;
  version: number;
  nodeId: string;
  /** The last customer id examined by the previous page (keyset), or null to start. */
  after: string | null;
  /** At most this many matching customers in this page (the rate's share of a pacing step). */
  limit: number;
}

export interface BroadcastPageResult {
  /** Where the next page starts, or null when every customer has been examined. */
  next: string | null;
  examined: number;
  matched: number;
  /** New events (a retried page finds its events already stored). */
  stored: number;
  /** Set when the journey is no longer this live version: the broadcast ends, enrolling nobody more. */
  halted?: string | undefined;
}
