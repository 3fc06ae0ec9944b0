import type { Insertable } from 'kysely';
import { keyOwner, reasonOf, type DispatchResult, type MessageGuard, type OutgoingMessage } from '../../engine/index';
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

/** What a message is before any guardrail looks at it: skipped without an address, a task as `tasks` says, anything else queued. */
export function initialStatus(message: OutgoingMessage, tasks: TaskStatus = 'open'): string {
  return message.recipient === null ? 'skipped_no_recipient' : message.channel === 'task' ? tasks : 'queued';
}

/** The row a message enters the outbox as, with the guardrails' decision when they looked at it. */
export function newMessageRow(message: OutgoingMessage, status: string, outcome?: GuardOutcome): NewMessageRow {
  const why = outcome?.reason ?? (status === 'skipped_no_recipient' ? reasonOf('no_recipient') : undefined);
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
