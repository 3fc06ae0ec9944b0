import type { OutgoingMessage } from '../../engine/index';
import type { Db } from '../db/database';

export interface MessageRow {
  id: string;
  channel: string;
  recipient: string | null;
  subject: string | null;
  text: string;
  status: string;
  idempotencyKey: string;
  journeyId: string;
  journeyVersion: number;
  nodeId: string;
  customerId: string;
  createdAt: string;
  /** Delivery: tries so far, when it was sent, by which provider, and the last failure (no PII). */
  attempts: number;
  sentAt: string | null;
  provider: string | null;
  lastError: string | null;
}

/**
 * The outbox: every message a journey sends, stored once per idempotency key. The unique constraint
 * is what makes a retried or replayed action harmless: the second insert finds the first row.
 */
export class Outbox {
  constructor(private readonly db: Db) {}

  async enqueue(message: OutgoingMessage): Promise<{ messageId: string; duplicate: boolean }> {
    const status = message.recipient === null ? 'skipped_no_recipient' : message.channel === 'task' ? 'open' : 'queued';
    const inserted = await this.db
      .insertInto('messages')
      .values({
        idempotency_key: message.idempotencyKey,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject ?? null,
        text: message.text,
        status,
        journey_id: message.journeyId,
        journey_version: message.journeyVersion,
        node_id: message.nodeId,
        customer_id: message.customerId,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { messageId: inserted.id, duplicate: false };
    const existing = await this.db
      .selectFrom('messages')
      .select('id')
      .where('idempotency_key', '=', message.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { messageId: existing.id, duplicate: true };
  }

  async list(filter: { customerId?: string | undefined; journeyId?: string | undefined; limit?: number }): Promise<MessageRow[]> {
    let q = this.db.selectFrom('messages').selectAll();
    if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
    if (filter.journeyId) q = q.where('journey_id', '=', filter.journeyId);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 100).execute();
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      text: r.text,
      status: r.status,
      idempotencyKey: r.idempotency_key,
      journeyId: r.journey_id,
      journeyVersion: r.journey_version,
      nodeId: r.node_id,
      customerId: r.customer_id,
      createdAt: r.created_at.toISOString(),
      attempts: r.attempts,
      sentAt: r.sent_at?.toISOString() ?? null,
      provider: r.provider,
      lastError: r.last_error,
    }));
  }
}
