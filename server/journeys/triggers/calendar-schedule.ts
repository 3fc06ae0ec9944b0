import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** One schedule per task queue, like the facts refresh's. */
export const calendarScheduleId = (taskQueue: string) => `huitou-calendar-daily:${taskQueue}`;

/**
 * The calendar job as a Temporal Schedule: every hour at :05 in the shop's time zone — from 00:05,
 * so a birthday journey can greet in the morning of the day, and on each hour a festival trigger
 * may start at. A date trigger's events are per day, so the later runs of a day store none again.
 * Created once; an existing schedule is updated.
 */
export async function ensureCalendarSchedule(client: Client, taskQueue: string, timezone: string, runOn = taskQueue): Promise<void> {
  const spec = { calendars: [{ hour: { start: 0, end: 23 }, minute: 5 }], timezone };
  const action = { type: 'startWorkflow' as const, workflowType: 'calendarWorkflow', taskQueue: runOn, args: [] as [] };
  try {
    await client.schedule.create({
      scheduleId: calendarScheduleId(taskQueue),
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '6 hours' },
      memo: { purpose: 'Enrol customers whose birthday, anniversary, other date or festival is due' },
    });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(calendarScheduleId(taskQueue)).update((previous) => ({ ...previous, spec, action }));
  }
}
