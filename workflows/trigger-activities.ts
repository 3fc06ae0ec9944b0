import type { BroadcastPageInput, BroadcastPageResult } from '../server/triggers/broadcast-page';
import type { CalendarRunSummary } from '../server/triggers/calendar-job';

export interface TriggerActivityDeps {
  runCalendar(asOf: Date): Promise<CalendarRunSummary>;
  broadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult>;
  /** Routes stored events now rather than at the router's next pass (absent in a worker-only process). */
  kickRouter?: (() => void) | undefined;
}

/** Activities of the date and broadcast triggers; built from their dependencies like the journey's. */
export function createTriggerActivities(deps: TriggerActivityDeps) {
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

export type TriggerActivities = ReturnType<typeof createTriggerActivities>;
