import { decisionFacts, durationToMs, evaluateCondition, type CustomerEvent, type Journey } from '../../engine/index';
import type { Db } from '../db/database';

/**
 * Conversion goals: when an event is a journey's goal, it counts as a conversion of the last
 * message the journey delivered to the customer within the goal's window before it (last-touch
 * attribution). Only a delivered message (`sent`, timed by `sent_at`) earns credit: one still held
 * or queued when the customer converted had no part in it, and is cancelled at delivery instead
 * (server/messaging/follow-customer.ts). A journey that delivered nothing in the window gets none.
 */
export class Conversions {
  constructor(private readonly db: Db) {}

  async attribute(event: CustomerEvent, journeys: { journey: Journey; version: number }[]): Promise<number> {
    let recorded = 0;
    const at = new Date(event.occurredAt);
    for (const { journey } of journeys) {
      const goal = journey.settings.goal;
      if (!goal || goal.eventType !== event.type) continue;
      if (goal.condition && !(await evaluateCondition(goal.condition, decisionFacts({ event, customer: { id: event.customerId } })))) continue;
      const last = await this.db
        .selectFrom('messages')
        .select(['id', 'node_id', 'journey_version'])
        .where('customer_id', '=', event.customerId)
        .where('journey_id', '=', journey.id)
        .where('channel', '!=', 'task')
        .where('status', '=', 'sent')
        .where('sent_at', '<=', at)
        .where('sent_at', '>', new Date(at.getTime() - durationToMs(goal.within)))
        .orderBy('sent_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) continue;
      const inserted = await this.db
        .insertInto('conversions')
        .values({
          journey_id: journey.id,
          journey_version: last.journey_version,
          event_id: event.id,
          customer_id: event.customerId,
          message_id: last.id,
          node_id: last.node_id,
          converted_at: at,
        })
        .onConflict((oc) => oc.columns(['journey_id', 'event_id']).doNothing())
        .executeTakeFirst();
      recorded += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    }
    return recorded;
  }

  /** A journey's conversions, in all and by the message node credited. */
  async summary(journeyId: string): Promise<{ total: number; byNode: Record<string, number>; byVersion: Record<string, number> }> {
    const rows = await this.db
      .selectFrom('conversions')
      .select(['node_id', 'journey_version', (eb) => eb.fn.countAll<string>().as('n')])
      .where('journey_id', '=', journeyId)
      .groupBy(['node_id', 'journey_version'])
      .execute();
    const byNode: Record<string, number> = {};
    const byVersion: Record<string, number> = {};
    let total = 0;
    for (const r of rows) {
      const n = Number(r.n);
      total += n;
      byNode[r.node_id] = (byNode[r.node_id] ?? 0) + n;
      byVersion[String(r.journey_version)] = (byVersion[String(r.journey_version)] ?? 0) + n;
    }
    return { total, byNode, byVersion };
  }
}
