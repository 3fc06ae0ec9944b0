import type { Client } from '@temporalio/client';
import { ensureFactsSchedule } from '../facts/schedule';
import { ensureCalendarSchedule } from '../journeys/triggers/calendar-schedule';

/**
 * The Temporal Schedules of one task queue, in the shop's time zone: the daily facts refresh and
 * the daily calendar job of date triggers. Created once; an existing one is brought up to date.
 */
export async function ensureSchedules(client: Client, taskQueue: string, timezone: string): Promise<void> {
  await ensureFactsSchedule(client, taskQueue, timezone);
  await ensureCalendarSchedule(client, taskQueue, timezone);
}
