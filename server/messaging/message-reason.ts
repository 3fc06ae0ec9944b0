import type { MessageReason, MessageReasonCode, MessageReasonParams } from '../../engine/index';

/**
 * The reason stored on a message row (`reason_code`, `reason_params`, migration 0013) as the API
 * gives it: a held message says until when (its next try, which may move). The codes and their
 * meaning are the engine's (engine/guardrails/message-reason.ts).
 */
export function reasonForApi(row: { status: string; reason_code: string | null; reason_params: unknown; next_attempt_at: Date }): MessageReason | null {
  const code = row.reason_code as MessageReasonCode | null;
  if (!code) return null;
  const params = { ...(isParams(row.reason_params) ? row.reason_params : {}) };
  if (row.status === 'queued') params.until = row.next_attempt_at.toISOString();
  return { code, params };
}

function isParams(v: unknown): v is MessageReasonParams {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
