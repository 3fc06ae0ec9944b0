import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { JourneyActivities } from '../../workflows/activities';
import type { ActionInput } from '../../workflows/shared';

// The same activity options the journey workflow gives its default proxies.
const { runAction, recordExit } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export interface BareInput {
  waitMs: number;
  /** What the journey's message step would send (the bench fills in the rest per workflow). */
  action: Omit<ActionInput, 'idempotencyKey'>;
}

/**
 * The baseline of the journeys bench: the journey's timer and activities written by hand, with no
 * interpreter, no event log and no router in front. The same runAction (customer load, message
 * node, outbox insert) and recordExit the journey workflow calls.
 */
export async function bareWorkflow(input: BareInput): Promise<void> {
  const info = workflowInfo();
  await sleep(input.waitMs);
  await runAction({ ...input.action, idempotencyKey: `${info.workflowId}/${info.firstExecutionRunId}/send/1` });
  await recordExit({ workflowId: info.workflowId, nodeId: 'done', reason: 'completed' });
}
