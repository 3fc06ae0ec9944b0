import type { Lane } from '../../engine/index';

/**
 * The task queue of each lane, derived from HUITOU_TASK_QUEUE (default `huitou-journeys`). The
 * urgent lane keeps the configured name itself: journeys started before the lanes existed are
 * bound to it for life (Temporal keeps a workflow on the queue it started on), and they are
 * payment reminders as often as not, so it stays polled by a worker that is never swamped. The
 * bulk lane is the same name with `-bulk`.
 */
export function laneTaskQueue(taskQueue: string, lane: Lane): string {
  return lane === 'urgent' ? taskQueue : `${taskQueue}-bulk`;
}

export const lanes: readonly Lane[] = ['urgent', 'bulk'];
