import { isGuarded, type DispatchResult, type MessageReason, type OutgoingMessage } from '../../engine/index';
import type { Db } from '../db/database';
import { reasonForApi } from './message-reason';
import { enqueueBatch } from './outbox-batch';
import { applyGuardrails, type GuardOutcome, type GuardSettings } from './outbox-guard';
import { unsubscribedPairs } from '../customers/consent';
import { asksConsent, gaveWayTo, initialStatus, newMessageRow, storedResult, withShopOptOut, type TaskStatus } from './outbox-row';

export type { GuardSettings } from './outbox-guard';

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
  /** What Aliyun or Tencent answered (code and message, numbers masked); null for other providers. */
  providerCode: string | null;
  providerMessage: string | null;
  /** A provider template SMS: its code and variable values. */
  smsTemplate: { code: string; params: Record<string, string> } | null;
  /** Why it is held, capped, cancelled or skipped (a held one says until when); null when nothing stood in its way. */
  reason: MessageReason | null;
}

/**
 * The outbox: every message a journey sends, stored once per idempotency key. The unique constraint
 * is what makes a retried or replayed action harmless: the second insert finds the first row.
 */
export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly guardSettings?: GuardSettings,
    /** `queued` when staff tasks are delivered (WeCom configured), else `open`. */
    private readonly taskStatus: TaskStatus = 'open',
  ) {}

  async enqueue(given: OutgoingMessage): Promise<DispatchResult> {
    // Consent first: a marketing message to a customer who unsubscribed from its channel is skipped.
    const unsubscribed = asksConsent(given) ? await unsubscribedPairs(this.db, [given]) : undefined;
    const status = initialStatus(given, unsubscribed, this.taskStatus);
    const guard = given.guard;
    if (status !== 'queued' || !isGuarded(guard) || !this.guardSettings) return this.insert(this.db, given, status);
    const settings = await this.guardSettings();
    const message = withShopOptOut(given, settings.optOutText);
    return this.db.transaction().execute(async (tx) => {
      // A retry of a send already decided keeps that decision (and is not counted twice).
      const existing = await tx.selectFrom('messages').select(['id', 'status']).where('idempotency_key', '=', message.idempotencyKey).executeTakeFirst();
      if (existing) return { messageId: existing.id, duplicate: true, status: existing.status };
      const outcome = await applyGuardrails(tx, { ...message, guard }, settings, message.at ?? Date.now());
      if (outcome.displaced.length > 0) {
        await tx.updateTable('messages').set(gaveWayTo(message, guard)).where('id', 'in', outcome.displaced).where('status', '=', 'queued').execute();
      }
      return this.insert(tx, message, outcome.status, outcome);
    });
  }

  /**
   * What `enqueue` on each message in turn would give — the same statuses, rows, displaced
   * messages and send-rate windows — in a handful of statements per few hundred messages
   * (outbox-batch.ts), for a cohort sending to many customers at once.
   */
  enqueueMany(messages: readonly OutgoingMessage[]): Promise<DispatchResult[]> {
    return enqueueBatch(this.db, messages, this.guardSettings, this.taskStatus);
  }

  private async insert(db: Db, message: OutgoingMessage, status: string, outcome?: GuardOutcome): Promise<DispatchResult> {
    const inserted = await db
      .insertInto('messages')
      .values(newMessageRow(message, status, outcome))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (inserted) return storedResult(inserted.id, inserted.status, outcome);
    const existing = await db.selectFrom('messages').select(['id', 'status']).where('idempotency_key', '=', message.idempotencyKey).executeTakeFirstOrThrow();
    return { messageId: existing.id, duplicate: true, status: existing.status };
  }

  async list(filter: { customerId?: string | undefined; journeyId?: string | undefined; limit?: number }): Promise<MessageRow[]> {
    let q = this.db.selectFrom('messages').selectAll();
    if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
    if (filter.journeyId) q = q.where('journey_id', '=', filter.journeyId);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit ?? 100)
      .execute();
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
      providerCode: r.provider_code,
      providerMessage: r.provider_message,
      smsTemplate: r.sms_template,
      reason: reasonForApi(r),
    }));
  }
}
