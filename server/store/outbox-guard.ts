import { sql, type Transaction } from 'kysely';
import { decideCaps, durationToMs, quietUntil, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import type { Database } from '../db/schema';
import { reasonOf, type MessageReason } from './message-reason';

export interface GuardOutcome {
  status: 'queued' | 'capped' | 'skipped_quiet_hours';
  /** Held (quiet hours, send rate, arbitration): not delivered before this instant. */
  notBefore?: Date | undefined;
  /** Whether a guardrail holds it (quiet hours, send rate), not only the arbitration window. */
  held?: boolean;
  /** The guardrail's words, kept in `guard_reason`. */
  reason?: string | undefined;
  /** The same as a code and parameters, for the API and the designer. */
  why?: MessageReason | undefined;
  /** Pending messages of lower priority that this one takes the place of (they become `capped`). */
  displaced: string[];
}

/**
 * Applies the shop's quiet hours and frequency caps to a marketing message about to enter the
 * outbox, inside the transaction that will insert it. The transaction holds a lock per customer
 * and channel, so two journeys sending at once see each other's messages.
 */
export async function applyGuardrails(
  tx: Transaction<Database>,
  message: OutgoingMessage & { guard: NonNullable<OutgoingMessage['guard']> },
  settings: { messaging: MessagingSettings; timezone: string },
  now: number,
): Promise<GuardOutcome> {
  const { guard } = message;
  const { quietHours, frequencyCaps } = settings.messaging;
  let at = now;
  let notBefore: Date | undefined;
  let heldBy: string | undefined;
  let why: MessageReason | undefined;
  if (quietHours && guard.quietHours !== 'ignore') {
    const until = quietUntil(now, guard.timezone ?? settings.timezone, quietHours);
    const mode = guard.quietHours === 'shop' ? quietHours.mode : guard.quietHours;
    const hours = { from: quietHours.from, to: quietHours.to };
    if (until !== null && mode === 'skip') return { status: 'skipped_quiet_hours', reason: `quiet hours ${hours.from}–${hours.to}`, why: reasonOf('quiet_hours', hours), displaced: [] };
    if (until !== null) {
      at = until;
      notBefore = new Date(until);
      heldBy = 'quiet-hours';
      why = reasonOf('quiet_hours', hours);
    }
  }
  if (guard.sendRate) {
    // The journey's pace: the first window from `at` with room; later windows fill only once
    // earlier ones are full, so the newest window is the only one that may have room.
    const slot = await takeRateSlot(tx, message.journeyId, guard.sendRate, at);
    if (slot > at) {
      at = slot;
      notBefore = new Date(slot);
      heldBy = heldBy ? `${heldBy}, send-rate` : 'send-rate';
      why = reasonOf('send_rate', { max: guard.sendRate.max, per: guard.sendRate.per });
    }
  }
  const held = notBefore !== undefined;
  const caps = frequencyCaps.filter((c) => c.channel === message.channel);
  if (caps.length === 0) return { status: 'queued', notBefore, held, reason: heldBy, why, displaced: [] };

  // Arbitration: where a cap may bite, the message waits a little before it goes, so that a
  // message of higher priority firing meanwhile finds it still pending and takes its place —
  // whichever fired first. A message held longer by a guardrail already waits.
  const window = settings.messaging.arbitrationSeconds * 1000;
  if (window > 0 && now + window > at) {
    at = now + window;
    notBefore = new Date(at);
    why = reasonOf('arbitration', { seconds: settings.messaging.arbitrationSeconds });
  }

  await sql`select pg_advisory_xact_lock(hashtext(${`${message.customerId}/${message.channel}`}))`.execute(tx);
  const longest = Math.max(...caps.map((c) => durationToMs(c.within)));
  const rows = await tx
    .selectFrom('messages')
    .select(['id', 'status', 'priority', 'created_at', 'sent_at', 'next_attempt_at'])
    .where('customer_id', '=', message.customerId)
    .where('channel', '=', message.channel)
    .where('category', '=', 'marketing')
    .where('status', 'in', ['queued', 'sending', 'sent'])
    .where('created_at', '>', new Date(now - longest))
    // Locked, so a dispatcher cannot claim a pending message this one is about to displace (its
    // claim skips locked rows), and a claim already under way is waited for and seen as such.
    .forUpdate()
    .execute();
  const counted = rows.map((r) => ({
    id: r.id,
    at: (r.sent_at ?? (r.status === 'queued' ? r.next_attempt_at : r.created_at)).getTime(),
    priority: r.priority,
    pending: r.status === 'queued',
  }));
  const decision = decideCaps({ at, priority: guard.priority }, counted, caps);
  if (decision.kind === 'capped') {
    const { max, channel, within } = decision.cap;
    return { status: 'capped', reason: `frequency cap: at most ${max} ${channel} per ${within}`, why: reasonOf('frequency_cap', { max, channel, within }), displaced: [] };
  }
  return { status: 'queued', notBefore, held, reason: heldBy, why, displaced: decision.displace };
}

/** Takes a place in the journey's send-rate windows at or after `at`; returns when it may go. */
async function takeRateSlot(tx: Transaction<Database>, journeyId: string, rate: { max: number; per: string }, at: number): Promise<number> {
  const per = durationToMs(rate.per);
  await sql`select pg_advisory_xact_lock(hashtext(${`rate/${journeyId}`}))`.execute(tx);
  const current = Math.floor(at / per) * per;
  const newest = await tx
    .selectFrom('journey_send_windows')
    .select(['window_start', 'sent'])
    .where('journey_id', '=', journeyId)
    .where('window_ms', '=', String(per))
    .where('window_start', '>=', String(current))
    .orderBy('window_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  let start = current;
  if (newest) start = newest.sent < rate.max ? Number(newest.window_start) : Number(newest.window_start) + per;
  await tx
    .insertInto('journey_send_windows')
    .values({ journey_id: journeyId, window_ms: per, window_start: start, sent: 1 })
    .onConflict((oc) => oc.columns(['journey_id', 'window_ms', 'window_start']).doUpdateSet((eb) => ({ sent: eb('journey_send_windows.sent', '+', 1) })))
    .execute();
  return Math.max(at, start);
}
