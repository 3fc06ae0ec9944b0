import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { broadcastDueEventType, type Journey, type NodeRegistry } from '../../../engine/index';
import { fromLocal, parseLocalDateTime } from '../../../engine/time/zoned';
import type { Logger } from '../../logger';
import { laneTaskQueue } from '../../temporal/task-queues';
import type { broadcastWorkflow } from '../../../workflows/broadcast-workflow';

/** One broadcast workflow per journey and task queue: publishing again replaces it. */
export const broadcastWorkflowId = (taskQueue: string, journeyId: string) => `huitou-broadcast:${taskQueue}:${journeyId}`;

export interface BroadcastSchedulerDeps {
  client: Client;
  taskQueue: string;
  registry: NodeRegistry;
  timezone(): Promise<string>;
  log: Logger;
}

export interface ScheduledBroadcast {
  workflowId: string;
  /** The instant it starts (ISO 8601); a time already passed starts at once. */
  startsAt: string;
}

/**
 * Called after a journey is published: a broadcast trigger gets its workflow, started with a start
 * delay at the trigger's local date and time in the shop's zone; one started for an earlier version
 * is terminated in the same call (conflict policy TERMINATE_EXISTING). A version without a broadcast
 * trigger ends any broadcast still waiting from before. Returns what was scheduled.
 */
export async function scheduleBroadcast(
  deps: BroadcastSchedulerDeps,
  journey: Journey,
  version: number,
  now = Date.now(),
): Promise<ScheduledBroadcast | undefined> {
  const workflowId = broadcastWorkflowId(deps.taskQueue, journey.id);
  const trigger = journey.nodes
    .map((node) => ({ node, def: deps.registry.get(node.type, node.typeVersion) }))
    .find(({ node, def }) => def?.behaviour.kind === 'trigger' && def.behaviour.eventType(def.config.parse(node.config)) === broadcastDueEventType);
  if (!trigger?.def) {
    await cancelBroadcast(deps, journey.id);
    return undefined;
  }
  const config = trigger.def.config.parse(trigger.node.config) as { at: string; ratePerMinute: number };
  const at = fromLocal(parseLocalDateTime(config.at)!, await deps.timezone());
  const delay = at - now;
  await deps.client.workflow.start<typeof broadcastWorkflow>('broadcastWorkflow', {
    workflowId,
    // Paging the audience is bulk work; the id keeps the installation's queue name.
    taskQueue: laneTaskQueue(deps.taskQueue, 'bulk'),
    args: [{ journeyId: journey.id, version, nodeId: trigger.node.id, ratePerMinute: config.ratePerMinute }],
    ...(delay > 0 ? { startDelay: delay } : {}),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
  deps.log.info({ journeyId: journey.id, version, workflowId, startsAt: new Date(Math.max(at, now)).toISOString() }, 'broadcast scheduled');
  return { workflowId, startsAt: new Date(Math.max(at, now)).toISOString() };
}

/** Ends a journey's broadcast if one is waiting or running (the journey now has none). */
export async function cancelBroadcast(deps: Pick<BroadcastSchedulerDeps, 'client' | 'taskQueue'>, journeyId: string): Promise<void> {
  try {
    const handle = deps.client.workflow.getHandle(broadcastWorkflowId(deps.taskQueue, journeyId));
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('the journey was published without a broadcast trigger');
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
  }
}
