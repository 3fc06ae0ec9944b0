import { reasonOf, type JourneyStatus } from '../../engine/index';
import { json, type Db } from '../db/database';

/**
 * What a journey's status change does to its messages not yet delivered, inside the transaction
 * that changes the status. Stopping cancels them at once (the dispatcher would at delivery, but a
 * journey published again must not deliver what its stopped run left held); going live again
 * wakes the ones the dispatcher put back while the journey was paused. Staff tasks are a to-do
 * list, not a delivery, and are left as they are.
 */
export async function followJourneyStatus(tx: Db, journeyId: string, status: JourneyStatus): Promise<void> {
  if (status === 'stopped') {
    const stopped = reasonOf('journey_stopped');
    await tx
      .updateTable('messages')
      .set({ status: 'cancelled', guard_reason: 'cancelled: the journey was stopped', reason_code: stopped.code, reason_params: json(stopped.params) })
      .where('journey_id', '=', journeyId)
      .where('status', '=', 'queued')
      .execute();
  } else if (status === 'live') {
    await tx
      .updateTable('messages')
      .set({ next_attempt_at: new Date() })
      .where('journey_id', '=', journeyId)
      .where('status', '=', 'queued')
      .where('reason_code', '=', 'journey_paused')
      .execute();
  }
}
