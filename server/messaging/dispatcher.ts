import { sql } from 'kysely';
import { json, type Db } from '../db/database';
import type { Logger } from '../logger';
import { isConsentChannel, reasonOf, type MessageReason } from '../../engine/index';
import { consentKey, unsubscribedPairs } from '../customers/consent';
import { CustomerFollow, type DeliveryVerdict, type FollowedMessage } from './follow-customer';
import { PermanentDeliveryError, RetryableDeliveryError, type ChannelProvider, type DeliverableMessage, type ProviderAnswer } from './channels/provider';
import { safeErrorText } from './channels/safe-error';
import type { UnsubscribeLinker } from './unsubscribe-token';

export interface DispatcherOptions {
  db: Db;
  /** The provider for each deliverable channel; messages of other channels are left alone. */
  providers: Partial<Record<string, ChannelProvider>>;
  log: Logger;
  /** Tries per message before it is recorded `failed`. */
  maxAttempts?: number;
  /** Wait before the second try; doubled each time after, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often the outbox is looked at when idle. */
  pollMs?: number;
  /** Messages claimed per round. */
  batchSize?: number;
  /** A claim older than this is taken to be a dead dispatcher's and taken over. */
  claimTimeoutMs?: number;
  /** How long a message of a paused journey waits before it is looked at again (resuming wakes it at once). */
  pausedRecheckMs?: number;
  /** The unsubscribe link and header of a marketing email; absent, emails go without them. */
  unsubscribeLinks?: UnsubscribeLinker;
}

/** A message its provider accepted, waiting to be recorded as sent. */
interface Sent {
  id: string;
  provider: string;
  providerMessageId: string | null;
  answer: ProviderAnswer | null;
}

interface Claimed extends Omit<DeliverableMessage, 'journeyId' | 'customerId'>, FollowedMessage {
  attempts: number;
  /** `marketing` or `transactional`: only marketing messages are held to consent and carry an unsubscribe link. */
  category: string;
}

/**
 * Delivers the outbox. Each round claims due messages in one statement —
 * `update … set status = 'sending' where id in (select … for update skip locked) returning …` —
 * so any number of workers share the outbox without sending a message twice, on PostgreSQL and on
 * the embedded database alike. A message that fails is tried again after a growing pause and is
 * recorded `failed` after `maxAttempts` (or at once when the provider says it is hopeless).
 * Delivery is at least once: a worker that dies between sending and recording leaves a claim that
 * is taken over after `claimTimeoutMs`; providers get the message id as an idempotency key.
 * Right before sending, each claimed message is decided again (`CustomerFollow`): it may be
 * cancelled (the customer left, the journey stopped) or put back while its journey is paused.
 */
export class MessageDispatcher {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly claimTimeoutMs: number;
  private readonly pausedRecheckMs: number;
  private readonly follow: CustomerFollow;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closing = false;

  constructor(private readonly o: DispatcherOptions) {
    this.maxAttempts = o.maxAttempts ?? 5;
    this.backoffMs = o.backoffMs ?? 30_000;
    this.maxBackoffMs = o.maxBackoffMs ?? 3_600_000;
    this.pollMs = o.pollMs ?? 1_000;
    this.batchSize = o.batchSize ?? 20;
    this.claimTimeoutMs = o.claimTimeoutMs ?? 5 * 60_000;
    this.pausedRecheckMs = o.pausedRecheckMs ?? 10 * 60_000;
    this.follow = new CustomerFollow(o.db);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    for (const provider of new Set(Object.values(this.o.providers))) await provider?.close?.();
  }

  private schedule(delay: number): void {
    if (this.closing) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((e: unknown) => this.o.log.warn({ err: safeErrorText(e) }, 'message delivery round failed'))
        .finally(() => this.schedule(this.pollMs));
    }, delay);
  }

  /** Delivers due messages until none are left; returns how many were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      if (this.closing) return handled;
      const batch = await this.claim();
      if (batch.length === 0) return handled;
      // A message follows its customer: asked again right before it goes, whatever held it.
      const verdicts = await this.follow.verdicts(batch);
      // Consent again, right before it goes: a customer may have unsubscribed since it was queued.
      const marketing = batch.filter((m) => m.category === 'marketing' && isConsentChannel(m.channel));
      const unsubscribed = await unsubscribedPairs(this.o.db, marketing);
      for (const m of marketing) if (unsubscribed.has(consentKey(m.customerId, m.channel))) verdicts.set(m.id, unsubscribedVerdict);
      const sent: Sent[] = [];
      await Promise.all(batch.map((m) => this.settle(m, verdicts.get(m.id) ?? { kind: 'deliver' }, sent)));
      await this.markSent(sent);
      handled += batch.length;
    }
  }

  /** The batch's sent messages recorded at once: a claim that timed out and was taken again is left to its new holder. */
  private async markSent(sent: readonly Sent[]): Promise<void> {
    if (sent.length === 0) return;
    await sql`
      update messages m
      set status = 'sent', sent_at = now(), provider = s.provider, provider_message_id = s.provider_message_id, last_error = null, claimed_at = null,
        provider_code = s.provider_code, provider_message = s.provider_message
      from unnest(${sent.map((x) => x.id)}::text[], ${sent.map((x) => x.provider)}::text[], ${sent.map((x) => x.providerMessageId)}::text[],
          ${sent.map((x) => x.answer?.code ?? null)}::text[], ${sent.map((x) => x.answer?.message ?? null)}::text[])
        as s(id, provider, provider_message_id, provider_code, provider_message)
      where m.id = s.id and m.status = 'sending'`.execute(this.o.db);
  }

  private async claim(): Promise<Claimed[]> {
    const channels = Object.keys(this.o.providers).filter((c) => this.o.providers[c]);
    if (channels.length === 0) return [];
    const result = await sql<{
      id: string;
      channel: string;
      recipient: string;
      subject: string | null;
      text: string;
      idempotency_key: string;
      attempts: number;
      journey_id: string;
      journey_version: number;
      node_id: string;
      customer_id: string;
      created_at: Date;
      sms_template: DeliverableMessage['smsTemplate'];
      category: string;
    }>`
      update messages set status = 'sending', attempts = attempts + 1, claimed_at = now()
      where id in (
        select id from messages
        where channel = any(${channels}::text[])
          and ((status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and claimed_at < now() - ${this.claimTimeoutMs} * interval '1 millisecond'))
        order by next_attempt_at
        limit ${this.batchSize}
        for update skip locked
      )
      returning id, channel, recipient, subject, text, idempotency_key, attempts, journey_id, journey_version, node_id, customer_id, created_at, sms_template, category`.execute(
      this.o.db,
    );
    return result.rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      subject: r.subject,
      text: r.text,
      idempotencyKey: r.idempotency_key,
      attempts: r.attempts,
      journeyId: r.journey_id,
      journeyVersion: r.journey_version,
      nodeId: r.node_id,
      customerId: r.customer_id,
      createdAt: new Date(r.created_at),
      smsTemplate: r.sms_template ?? null,
      category: r.category,
    }));
  }

  /** Delivers a claimed message, or gives it back undelivered: cancelled, or held while its journey is paused (the claim was no try). */
  private async settle(message: Claimed, verdict: DeliveryVerdict, sent: Sent[]): Promise<void> {
    if (verdict.kind === 'deliver') return this.deliver(message, sent);
    const back =
      verdict.kind === 'cancel'
        ? { status: verdict.status ?? 'cancelled', guard_reason: verdict.text }
        : { status: 'queued', next_attempt_at: sql<Date>`now() + ${this.pausedRecheckMs} * interval '1 millisecond'` };
    await this.o.db
      .updateTable('messages')
      .set({ ...back, attempts: sql<number>`attempts - 1`, claimed_at: null, ...reasonColumns(verdict.reason) })
      .where('id', '=', message.id)
      .where('status', '=', 'sending')
      .execute();
    this.o.log.info(
      { messageId: message.id, channel: message.channel, reason: verdict.reason.code },
      verdict.kind === 'cancel' ? 'message cancelled' : 'message held',
    );
  }

  /** Sends a claimed message; a success joins `sent`, recorded with the batch's others in one statement (markSent). */
  private async deliver(message: Claimed, sent: Sent[]): Promise<void> {
    const provider = this.o.providers[message.channel]!;
    try {
      const unsubscribe =
        message.channel === 'email' && message.category === 'marketing' && this.o.unsubscribeLinks
          ? await this.o.unsubscribeLinks({ customerId: message.customerId, channel: 'email' })
          : undefined;
      const { providerMessageId, answer } = await provider.send(unsubscribe ? { ...message, unsubscribe } : message);
      sent.push({ id: message.id, provider: provider.name, providerMessageId: providerMessageId ?? null, answer: answer ?? null });
      this.o.log.info({ messageId: message.id, channel: message.channel, provider: provider.name, attempt: message.attempts }, 'message sent');
    } catch (e) {
      const error = safeErrorText(e);
      const final = e instanceof PermanentDeliveryError || message.attempts >= this.maxAttempts;
      const pause = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (message.attempts - 1));
      // What the provider itself answered (Aliyun's or Tencent's code), kept beside our own words.
      const answer = e instanceof PermanentDeliveryError || e instanceof RetryableDeliveryError ? e.answer : undefined;
      const said = { provider_code: answer?.code ?? null, provider_message: answer?.message ?? null };
      await this.o.db
        .updateTable('messages')
        .set(
          final
            ? { status: 'failed', provider: provider.name, last_error: error, claimed_at: null, ...said }
            : {
                status: 'queued',
                provider: provider.name,
                ...said,
                last_error: error,
                claimed_at: null,
                next_attempt_at: sql<Date>`now() + ${pause} * interval '1 millisecond'`,
                ...reasonColumns(reasonOf('retry', { attempt: message.attempts })),
              },
        )
        .where('id', '=', message.id)
        .where('status', '=', 'sending')
        .execute();
      this.o.log.warn(
        { messageId: message.id, channel: message.channel, provider: provider.name, attempt: message.attempts, err: error, final },
        final ? 'message delivery failed' : 'message delivery will be retried',
      );
    }
  }
}

const reasonColumns = (reason: MessageReason) => ({ reason_code: reason.code, reason_params: json(reason.params) });

/** A marketing message whose customer unsubscribed from its channel after it was queued. */
const unsubscribedVerdict: DeliveryVerdict = {
  kind: 'cancel',
  status: 'skipped_unsubscribed',
  reason: reasonOf('unsubscribed'),
  text: 'skipped: the customer unsubscribed',
};
