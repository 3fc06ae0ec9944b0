import { sql, type Transaction } from 'kysely';
import {
  countedSince,
  decideGuard,
  durationToMs,
  type CountedSend,
  type GuardDecision,
  type MessagingSettings,
  type OutgoingMessage,
  type RateSlot,
  type RateWindow,
} from '../../engine/index';
import type { Database } from '../db/schema';

/** What the guardrails decided for a message entering the outbox (engine/guardrails/decide.ts). */
export type GuardOutcome = GuardDecision;

/**
 * The shop settings guardrails read, and the opt-out text marketing SMS end with (`sms.optOutText`);
 * absent, marketing messages are queued like any other.
 */
export type GuardSettings = () => Promise<{ messaging: MessagingSettings; timezone: string; optOutText?: string | undefined }>;

/**
 * Applies the shop's guardrails to a marketing message about to enter the outbox, inside the
 * transaction that will insert it: reads what the decision needs (the journey's newest send-rate
 * window, the customer's counted sends on the channel), asks the engine's decision and counts the
 * message in the send-rate window it takes. The locks — one per journey's rate, one per customer
 * and channel — make two journeys sending at once see each other's messages.
 */
export async function applyGuardrails(
  tx: Transaction<Database>,
  message: OutgoingMessage & { guard: NonNullable<OutgoingMessage['guard']> },
  settings: { messaging: MessagingSettings; timezone: string },
  now: number,
): Promise<GuardOutcome> {
  const { guard } = message;
  const rateWindow = guard.sendRate ? await newestRateWindow(tx, message.journeyId, durationToMs(guard.sendRate.per)) : null;
  const since = countedSince(settings.messaging, message.channel, now);
  const counted = since === null ? [] : await countedSends(tx, message, since);
  const decision = decideGuard({ guard, channel: message.channel, messaging: settings.messaging, shopTimezone: settings.timezone, now, counted, rateWindow });
  if (decision.rateSlot) await takeRateSlot(tx, message.journeyId, decision.rateSlot);
  return decision;
}

/** The journey's newest send-rate window, under the journey's rate lock (held until commit). */
async function newestRateWindow(tx: Transaction<Database>, journeyId: string, windowMs: number): Promise<RateWindow | null> {
  await sql`select pg_advisory_xact_lock(hashtext(${rateLockKey(journeyId)}))`.execute(tx);
  const newest = await tx
    .selectFrom('journey_send_windows')
    .select(['window_start', 'sent'])
    .where('journey_id', '=', journeyId)
    .where('window_ms', '=', String(windowMs))
    .orderBy('window_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest ? { start: Number(newest.window_start), sent: newest.sent } : null;
}

async function takeRateSlot(tx: Transaction<Database>, journeyId: string, slot: RateSlot): Promise<void> {
  await tx
    .insertInto('journey_send_windows')
    .values({ journey_id: journeyId, window_ms: slot.windowMs, window_start: slot.start, sent: 1 })
    .onConflict((oc) => oc.columns(['journey_id', 'window_ms', 'window_start']).doUpdateSet((eb) => ({ sent: eb('journey_send_windows.sent', '+', 1) })))
    .execute();
}

/** The customer's marketing messages on the channel that count against its caps, locked. */
async function countedSends(tx: Transaction<Database>, message: OutgoingMessage, since: number): Promise<CountedSend[]> {
  await sql`select pg_advisory_xact_lock(hashtext(${capLockKey(message.customerId, message.channel)}))`.execute(tx);
  const rows = await tx
    .selectFrom('messages')
    .select(['id', 'status', 'priority', 'created_at', 'sent_at', 'next_attempt_at'])
    .where('customer_id', '=', message.customerId)
    .where('channel', '=', message.channel)
    .where('category', '=', 'marketing')
    .where('status', 'in', countedStatuses)
    .where('created_at', '>', new Date(since))
    // A fixed order: among pending messages of one priority and one instant, the one that gives way
    // is then the same whatever plan the database picks (the batch sorts its own the same way).
    .orderBy('created_at')
    .orderBy(sql`idempotency_key collate "C"`)
    // Locked, so a dispatcher cannot claim a pending message this one is about to displace (its
    // claim skips locked rows), and a claim already under way is waited for and seen as such.
    .forUpdate()
    .execute();
  return rows.map(countedSendOf);
}

/** The lock of a journey's send rate: held while its newest window is read and a place taken. */
export const rateLockKey = (journeyId: string): string => `rate/${journeyId}`;
/** The lock of a customer's caps on a channel: held while its counted sends are read and one added. */
export const capLockKey = (customerId: string, channel: string): string => `${customerId}/${channel}`;

/** The statuses of a marketing message that count against the caps: pending or delivered. */
export const countedStatuses = ['queued', 'sending', 'sent'];

/** A stored marketing message as the cap decision counts it: when it goes (went) out, and whether it may still give way. */
export function countedSendOf(r: { id: string; status: string; priority: number; created_at: Date; sent_at: Date | null; next_attempt_at: Date }): CountedSend {
  return {
    id: r.id,
    at: (r.sent_at ?? (r.status === 'queued' ? r.next_attempt_at : r.created_at)).getTime(),
    priority: r.priority,
    pending: r.status === 'queued',
  };
}
