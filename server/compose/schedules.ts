import type { Client } from '@temporalio/client';
import { ensureFactsSchedule } from '../facts/schedule';
import { ensureCalendarSchedule } from '../journeys/triggers/calendar-schedule';
import { laneTaskQueue } from '../temporal/task-queues';

/**
 * The Temporal Schedules of one task queue, in the shop's time zone: the daily facts refresh and
 * the daily calendar job of date triggers. Created once; an existing one is brought up to date.
 * Both are bulk work: they run on the bulk lane's queue.
 */
export async function ensureSchedules(client: Client, taskQueue: string, timezone: string): Promise<void> {
  const bulk = laneTaskQueue(taskQueue, 'bulk');
  await ensureFactsSchedule(client, taskQueue, timezone, bulk);
  await ensureCalendarSchedule(client, taskQueue, timezone, bulk);
}
