import { proxyActivities } from '@temporalio/workflow';
import type { FactsActivities } from './facts-activities';

const { refreshAllFacts } = proxyActivities<FactsActivities>({
  // A bulk refresh of a large shop takes minutes; the heartbeat tells a dead worker from a slow one.
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumAttempts: 5 },
});

/**
 * Recomputes every customer's facts (started daily by a Temporal Schedule) so lifecycle stages move
 * as days pass, and records the changes as events that journeys can trigger on.
 */
export async function factsRefreshWorkflow(): Promise<{ customersChanged: number; events: number }> {
  return refreshAllFacts();
}
