import { isGuarded, keyOwner, reasonOf, type DispatchResult, type MessageReason, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import type { Db } from '../db/database';
import { json } from '../db/database';
import { reasonForApi } from './message-reason';
import { applyGuardrails, type GuardOutcome } from './outbox-guard';

/** The shop settings guardrails read; absent, marketing messages are queued like any other. */
export type GuardSettings = () => Promise<{ messaging: MessagingSettings; timezone: string }>;

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
  ) {}

  async enqueue(message: OutgoingMessage): Promise<DispatchResult> {
    const status = message.recipient === null ? 'skipped_no_recipient' : message.channel === 'task' ? 'open' : 'queued';
    const guard = message.guard;
    if (status !== 'queued' || !isGuarded(guard) || !this.guardSettings) return this.insert(this.db, message, status);
    const settings = await this.guardSettings();
    return this.db.transaction().execute(async (tx) => {
      // A retry of a send already decided keeps that decision (and is not counted twice).
      const existing = await tx.selectFrom('messages').select(['id', 'status']).where('idempotency_key', '=', message.idempotencyKey).executeTakeFirst();
      if (existing) return { messageId: existing.id, duplicate: true, status: existing.status };
      const outcome = await applyGuardrails(tx, { ...message, guard }, settings, message.at ?? Date.now());
      if (outcome.displaced.length > 0) {
        const gaveWay = reasonOf('gave_way', { journeyId: message.journeyId, priority: guard.priority });
        await tx
          .updateTable('messages')
          .set({
            status: 'capped',
            guard_reason: `frequency cap: gave way to a message of higher priority (${keyOwner(message.idempotencyKey)})`,
            reason_code: gaveWay.code,
            reason_params: json(gaveWay.params),
          })
          .where('id', 'in', outcome.displaced)
          .where('status', '=', 'queued')
          .execute();
      }
      return this.insert(tx, message, outcome.status, outcome);
    });
  }

  private async insert(db: Db, message: OutgoingMessage, status: string, outcome?: GuardOutcome): Promise<DispatchResult> {
    const why = outcome?.reason ?? (status === 'skipped_no_recipient' ? reasonOf('no_recipient') : undefined);
    const inserted = await db
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
        category: message.guard?.category ?? 'transactional',
        priority: message.guard?.priority ?? 5,
        guard_reason: outcome?.guardReason ?? null,
        reason_code: why?.code ?? null,
        reason_params: json(why?.params ?? {}),
        ...(message.at !== undefined ? { created_at: new Date(message.at) } : {}),
        ...(outcome?.notBefore !== undefined ? { next_attempt_at: new Date(outcome.notBefore) } : {}),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning(['id', 'status'])
      .executeTakeFirst();
    // `held` tells the journey a guardrail holds it; the short arbitration wait is not worth saying.
    if (inserted) return { messageId: inserted.id, duplicate: false, status: outcome?.held ? 'held' : inserted.status };
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
      reason: reasonForApi(r),
    }));
  }
}
