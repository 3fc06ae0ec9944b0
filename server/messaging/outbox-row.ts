import type { Insertable } from 'kysely';
import { isGuarded, keyOwner, reasonOf, withOptOut, type DispatchResult, type MessageGuard, type OutgoingMessage } from '../../engine/index';
import { consentKey } from '../customers/consent';
import { json } from '../db/database';
import type { Database } from '../db/schema';
import type { GuardOutcome } from './outbox-guard';

/** A message row as the outbox first stores it. */
export type NewMessageRow = Insertable<Database['messages']>;

/**
 * What a staff task is stored as: `open` in Huitou's own list, or `queued` for delivery when a
 * provider takes tasks (WeCom). Tasks stored before WeCom was configured stay `open`: turning it on
 * does not send staff the backlog.
 */
export type TaskStatus = 'open' | 'queued';

/**
 * What a message is before any guardrail looks at it: skipped without an address, a task as `tasks`
 * says, a marketing message to a customer who unsubscribed from its channel skipped
 * (`unsubscribed`: the pairs `unsubscribedPairs` read), anything else queued.
 */
export function initialStatus(message: OutgoingMessage, unsubscribed?: ReadonlySet<string>, tasks: TaskStatus = 'open'): string {
  if (message.recipient === null) return 'skipped_no_recipient';
  if (message.channel === 'task') return tasks;
  if (isGuarded(message.guard) && unsubscribed?.has(consentKey(message.customerId, message.channel))) return 'skipped_unsubscribed';
  return 'queued';
}

/** The messages whose consent the outbox reads: marketing ones with an address (transactional ones and tasks never ask). */
export const asksConsent = (message: OutgoingMessage): boolean => message.recipient !== null && isGuarded(message.guard);

/**
 * A marketing SMS as the outbox stores and sends it: with the shop's opt-out text at its end
 * (`sms.optOutText`), once. Other messages are unchanged.
 */
export function withShopOptOut(message: OutgoingMessage, optOutText: string | undefined): OutgoingMessage {
  if (message.channel !== 'sms' || !isGuarded(message.guard) || optOutText === undefined) return message;
  return { ...message, text: withOptOut(message.text, optOutText) };
}

/** The row a message enters the outbox as, with the guardrails' decision when they looked at it. */
export function newMessageRow(message: OutgoingMessage, status: string, outcome?: GuardOutcome): NewMessageRow {
  const why =
    outcome?.reason ??
    (status === 'skipped_no_recipient'
      ? reasonOf('no_recipient')
      : status === 'skipped_unsubscribed'
        ? reasonOf('unsubscribed', { channel: message.channel })
        : undefined);
  return {
    idempotency_key: message.idempotencyKey,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject ?? null,
    text: message.text,
    sms_template: message.smsTemplate ? json(message.smsTemplate) : null,
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
  };
}

/** What the outbox tells the journey of a message it has just stored: `held` when a guardrail holds it (the short arbitration wait is not worth saying). */
export function storedResult(id: string, status: string, outcome?: GuardOutcome): DispatchResult {
  return { messageId: id, duplicate: false, status: outcome?.held ? 'held' : status };
}

/** The columns a pending message gets when a message of higher priority takes its place. */
export function gaveWayTo(
  message: OutgoingMessage,
  guard: MessageGuard,
): { status: 'capped'; guard_reason: string; reason_code: string; reason_params: string } {
  const gaveWay = reasonOf('gave_way', { journeyId: message.journeyId, priority: guard.priority });
  return {
    status: 'capped',
    guard_reason: `frequency cap: gave way to a message of higher priority (${keyOwner(message.idempotencyKey)})`,
    reason_code: gaveWay.code,
    reason_params: json(gaveWay.params),
  };
}
