import { sql, type Transaction } from 'kysely';
import { decideCaps, durationToMs, quietUntil, type MessagingSettings, type OutgoingMessage } from '../../engine/index';
import type { Database } from '../db/schema';

export interface GuardOutcome {
  status: 'queued' | 'capped' | 'skipped_quiet_hours';
  /** Held by quiet hours: not delivered before this instant. */
  notBefore?: Date | undefined;
  reason?: string | undefined;
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
  if (quietHours && guard.quietHours !== 'ignore') {
    const until = quietUntil(now, guard.timezone ?? settings.timezone, quietHours);
    const mode = guard.quietHours === 'shop' ? quietHours.mode : guard.quietHours;
    if (until !== null && mode === 'skip') return { status: 'skipped_quiet_hours', reason: `quiet hours ${quietHours.from}–${quietHours.to}`, displaced: [] };
    if (until !== null) {
      at = until;
      notBefore = new Date(until);
    }
  }
  const caps = frequencyCaps.filter((c) => c.channel === message.channel);
  if (caps.length === 0) return { status: 'queued', notBefore, reason: notBefore ? 'quiet-hours' : undefined, displaced: [] };

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
    .execute();
  const counted = rows.map((r) => ({
    id: r.id,
    at: (r.sent_at ?? (r.status === 'queued' ? r.next_attempt_at : r.created_at)).getTime(),
    priority: r.priority,
    pending: r.status === 'queued',
  }));
  const decision = decideCaps({ at, priority: guard.priority }, counted, caps);
  if (decision.kind === 'capped') {
    return { status: 'capped', reason: `frequency cap: at most ${decision.cap.max} ${decision.cap.channel} per ${decision.cap.within}`, displaced: [] };
  }
  return { status: 'queued', notBefore, reason: notBefore ? 'quiet-hours' : undefined, displaced: decision.displace };
}
