import type { BroadcastPageInput, BroadcastPageResult, CalendarRunSummary, TriggerActivities } from '../../workflows/trigger-activities';

export interface TriggerActivityDeps {
  runCalendar(asOf: Date): Promise<CalendarRunSummary>;
  broadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult>;
  /** Routes stored events now rather than at the router's next pass (absent in a worker-only process). */
  kickRouter?: (() => void) | undefined;
}

/** Activities of the date and broadcast triggers (workflows/trigger-activities.ts); built from their dependencies like the journey's. */
export function createTriggerActivities(deps: TriggerActivityDeps): TriggerActivities {
  return {
    async runCalendarJob(): Promise<CalendarRunSummary> {
      const summary = await deps.runCalendar(new Date());
      deps.kickRouter?.();
      return summary;
    },
    async broadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult> {
      const page = await deps.broadcastPage(input);
      if (page.stored > 0) deps.kickRouter?.();
      return page;
    },
  };
}
