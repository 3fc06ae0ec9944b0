import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** One schedule per task queue, like the facts refresh's. */
export const calendarScheduleId = (taskQueue: string) => `huitou-calendar-daily:${taskQueue}`;

/**
 * The daily calendar job as a Temporal Schedule: at 00:05 in the shop's time zone, so a birthday
 * journey can greet in the morning of the day. Created once; an existing schedule is updated.
 */
export async function ensureCalendarSchedule(client: Client, taskQueue: string, timezone: string, runOn = taskQueue): Promise<void> {
  const spec = { calendars: [{ hour: 0, minute: 5 }], timezone };
  const action = { type: 'startWorkflow' as const, workflowType: 'calendarWorkflow', taskQueue: runOn, args: [] as [] };
  try {
    await client.schedule.create({
      scheduleId: calendarScheduleId(taskQueue),
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
      memo: { purpose: 'Enrol customers whose birthday, anniversary or other date is due today' },
    });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(calendarScheduleId(taskQueue)).update((previous) => ({ ...previous, spec, action }));
  }
}
