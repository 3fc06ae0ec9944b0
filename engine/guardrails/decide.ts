import { durationToMs } from '../journey/duration';
import type { MessageGuard } from '../nodes/define';
import { decideCaps, type CountedSend } from './caps';
import { reasonOf, type MessageReason } from './message-reason';
import { quietHoursMode, quietUntil } from './quiet-hours';
import { rateSlotFor, type RateSlot, type RateWindow } from './send-rate';
import type { FrequencyCap, MessagingSettings } from './settings';

/** What the guard decision needs to know about one message about to enter the outbox. */
export interface GuardInput {
  /** The message's guard; none, or a transactional one, passes untouched. */
  guard: MessageGuard | undefined;
  channel: string;
  messaging: MessagingSettings;
  /** The shop's zone: quiet hours are read in it when the customer's zone is unknown. */
  shopTimezone: string;
  now: number;
  /**
   * The customer's marketing messages on this channel that count against its caps: pending or
   * sent, created since `countedSince` (none needed when that is null).
   */
  counted: readonly CountedSend[];
  /** The newest window of the journey's send rate (for `guard.sendRate`), null before the first. */
  rateWindow?: RateWindow | null | undefined;
}

export interface GuardDecision {
  status: 'queued' | 'capped' | 'skipped_quiet_hours';
  /** Not delivered before this instant (epoch ms): quiet hours, send rate or the arbitration window. */
  notBefore?: number | undefined;
  /** Whether a guardrail holds it (quiet hours, send rate), not only the arbitration window. */
  held: boolean;
  /** The guardrail's words (stored in `guard_reason`): `quiet-hours`, `send-rate`, the cap… */
  guardReason?: string | undefined;
  /** The same as a code and parameters, for the API and the designer. */
  reason?: MessageReason | undefined;
  /** Pending messages of lower priority this one takes the place of: they become `capped`. */
  displaced: string[];
  /** The send-rate window the message takes a place in; the caller counts it there. */
  rateSlot?: RateSlot | undefined;
}

/** Whether the guardrails apply: to marketing messages only; transactional ones pass untouched. */
export function isGuarded(guard: MessageGuard | undefined): guard is MessageGuard & { category: 'marketing' } {
  return guard?.category === 'marketing';
}

/** The shop's frequency caps that count a message on `channel`. */
export function capsOn(messaging: MessagingSettings, channel: string): FrequencyCap[] {
  return messaging.frequencyCaps.filter((c) => c.channel === channel);
}

/**
 * Since when the customer's sends on `channel` count against its caps (the longest cap back from
 * `now`); null when no cap counts that channel, so the caller need not read them.
 */
export function countedSince(messaging: MessagingSettings, channel: string, now: number): number | null {
  const caps = capsOn(messaging, channel);
  if (caps.length === 0) return null;
  return now - Math.max(...caps.map((c) => durationToMs(c.within)));
}

/**
 * Decides what the shop's guardrails do to one marketing message at `now`, in this order:
 * quiet hours in the customer's zone (hold it until they end, or skip it), the journey's send rate
 * (the first window with room), the arbitration window (where a cap may bite), then the frequency
 * caps of its channel (it goes, taking the place of pending messages of lower priority, or it is
 * capped). Pure: the outbox reads the counted sends and the rate window inside its transaction and
 * writes the slot; the simulator keeps them in memory.
 */
export function decideGuard(input: GuardInput): GuardDecision {
  const { guard, messaging, now } = input;
  if (!isGuarded(guard)) return { status: 'queued', held: false, displaced: [] };
  let at = now;
  let notBefore: number | undefined;
  let heldBy: string | undefined;
  let reason: MessageReason | undefined;

  const quiet = messaging.quietHours;
  const mode = quietHoursMode(guard.quietHours, quiet);
  if (quiet && (mode === 'hold' || mode === 'skip')) {
    const until = quietUntil(now, guard.timezone ?? input.shopTimezone, quiet);
    const hours = { from: quiet.from, to: quiet.to };
    if (until !== null && mode === 'skip') {
      return {
        status: 'skipped_quiet_hours',
        held: false,
        guardReason: `quiet hours ${hours.from}–${hours.to}`,
        reason: reasonOf('quiet_hours', hours),
        displaced: [],
      };
    }
    if (until !== null) {
      at = notBefore = until;
      heldBy = 'quiet-hours';
      reason = reasonOf('quiet_hours', hours);
    }
  }

  // The journey's pace. The place is taken even when a cap then stops the message, as the outbox
  // always did: the window counts messages the journey tried to send.
  let rateSlot: RateSlot | undefined;
  if (guard.sendRate) {
    rateSlot = rateSlotFor(guard.sendRate, at, input.rateWindow);
    if (rateSlot.start > at) {
      at = notBefore = rateSlot.start;
      heldBy = heldBy ? `${heldBy}, send-rate` : 'send-rate';
      reason = reasonOf('send_rate', { max: guard.sendRate.max, per: guard.sendRate.per });
    }
  }
  const held = notBefore !== undefined;
  const caps = capsOn(messaging, input.channel);
  if (caps.length === 0) return { status: 'queued', notBefore, held, guardReason: heldBy, reason, displaced: [], rateSlot };

  // Arbitration: where a cap may bite, the message waits a little before it goes, so that a
  // message of higher priority firing meanwhile finds it still pending and takes its place —
  // whichever fired first. A message held longer by a guardrail already waits.
  const window = messaging.arbitrationSeconds * 1000;
  if (window > 0 && now + window > at) {
    at = notBefore = now + window;
    reason = reasonOf('arbitration', { seconds: messaging.arbitrationSeconds });
  }

  const decision = decideCaps({ at, priority: guard.priority }, input.counted, caps);
  if (decision.kind === 'capped') {
    const { max, channel, within } = decision.cap;
    return {
      status: 'capped',
      held: false,
      guardReason: `frequency cap: at most ${max} ${channel} per ${within}`,
      reason: reasonOf('frequency_cap', { max, channel, within }),
      displaced: [],
      rateSlot,
    };
  }
  return { status: 'queued', notBefore, held, guardReason: heldBy, reason, displaced: decision.displace, rateSlot };
}
