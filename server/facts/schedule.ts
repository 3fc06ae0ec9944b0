import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** One schedule per task queue, so several Huitou installations can share a Temporal namespace. */
export const factsScheduleId = (taskQueue: string) => `huitou-facts-daily:${taskQueue}`;

/**
 * The daily facts refresh as a Temporal Schedule: at 03:00 in the shop's time zone (after the
 * day's orders, before morning sends). Created once; an existing schedule is brought up to date.
 */
export async function ensureFactsSchedule(client: Client, taskQueue: string, timezone: string, runOn = taskQueue): Promise<void> {
  const spec = { calendars: [{ hour: 3, minute: 0 }], timezone };
  const action = { type: 'startWorkflow' as const, workflowType: 'factsRefreshWorkflow', taskQueue: runOn, args: [] as [] };
  try {
    await client.schedule.create({
      scheduleId: factsScheduleId(taskQueue),
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      memo: { purpose: 'Recompute customer facts so lifecycle stages move as days pass' },
    });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(factsScheduleId(taskQueue)).update((previous) => ({ ...previous, spec, action }));
  }
}

/**
 * Runs the daily facts refresh now, on the worker, as the schedule would: after a tag rule changes,
 * its tags (and the segments and journeys that read them) should not wait for 03:00. A refresh
 * already running finishes first, then one more runs (BUFFER_ONE); several changes in a row
 * queue at most that one. False when this installation has no schedule (nothing runs the refresh).
 */
export async function refreshFactsNow(client: Client, taskQueue: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(factsScheduleId(taskQueue)).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
    return true;
  } catch (e) {
    if (e instanceof ScheduleNotFoundError) return false;
    throw e;
  }
}
