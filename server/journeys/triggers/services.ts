import type { Client } from '@temporalio/client';
import type { Journey, NodeRegistry } from '../../../engine/index';
import type { Db } from '../../db/database';
import type { Logger } from '../../logger';
import type { Events } from '../../events/event-log';
import type { Journeys } from '../journey-store';
import { broadcastPage, type BroadcastPageInput, type BroadcastPageResult } from './broadcast-page';
import { scheduleBroadcast, type ScheduledBroadcast } from './broadcasts';
import { runCalendarJob, type CalendarRunSummary } from './calendar-job';
import { refreshFactsNow } from '../../facts/schedule';

/** The date, broadcast and manual triggers' server side, as the routes and the worker use it. */
export interface TriggerServices {
  runCalendar(asOf: Date): Promise<CalendarRunSummary>;
  broadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult>;
  /** Schedules (or replaces, or ends) the journey's broadcast after a publish. */
  afterPublish(journey: Journey, version: number): Promise<ScheduledBroadcast | undefined>;
  /** Starts the daily facts refresh now on the worker (false when the installation has no schedule). */
  refreshFactsNow(): Promise<boolean>;
}

export function createTriggerServices(deps: {
  db: Db;
  journeys: Journeys;
  events: Events;
  registry: NodeRegistry;
  client: Client;
  taskQueue: string;
  timezone(): Promise<string>;
  log: Logger;
}): TriggerServices {
  return {
    runCalendar: (asOf) => runCalendarJob(deps, asOf),
    broadcastPage: (input) => broadcastPage(deps, input),
    afterPublish: (journey, version) => scheduleBroadcast(deps, journey, version),
    refreshFactsNow: () => refreshFactsNow(deps.client, deps.taskQueue),
  };
}
