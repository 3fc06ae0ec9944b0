import { proxyActivities } from '@temporalio/workflow';
import type { TriggerActivities } from './trigger-activities';

const { runCalendarJob } = proxyActivities<TriggerActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 minute', maximumAttempts: 5 },
});

/**
 * Started at 00:05 every day by a Temporal Schedule: stores a `calendar.due` event for each
 * customer a live date trigger makes due today (ids per rule, customer and day, so a retry or a
 * second run the same day stores nothing new); the event router enrols them.
 */
export async function calendarWorkflow(): Promise<{ day: string; due: number; stored: number }> {
  const { day, due, stored } = await runCalendarJob();
  return { day, due, stored };
}
