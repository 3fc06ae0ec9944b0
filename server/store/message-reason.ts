/**
 * Why a message is where it is, as a code with parameters: the API hands it out as is and the
 * designer words it in the reader's language. Stored on the message (`reason_code`,
 * `reason_params`, migration 0013) by whatever decided its state last.
 *
 * - held (status `queued`, until `next_attempt_at`): `quiet_hours`, `send_rate`, `arbitration`
 *   (waiting for a message of higher priority), `journey_paused`, `retry` (a failed try);
 * - `capped`: `frequency_cap` (the cap was full) or `gave_way` (a message of higher priority took
 *   the place);
 * - `cancelled`: `journey_stopped`, `customer_exited` (exit criteria), `customer_converted` (the
 *   journey's goal) — the customer no longer needs it;
 * - skipped: `quiet_hours` (status `skipped_quiet_hours`), `no_recipient`.
 */
import { messageReasonCodes } from '../../contract/messages';

// The codes are the wire contract's (contract/messages.ts): the designer words each.
export { messageReasonCodes };
export type MessageReasonCode = (typeof messageReasonCodes)[number];

/** Parameters by code; every value is a string or a number, so a translation can interpolate them. */
export type MessageReasonParams = Record<string, string | number>;

export interface MessageReason {
  code: MessageReasonCode;
  params: MessageReasonParams;
}

export const reasonOf = (code: MessageReasonCode, params: MessageReasonParams = {}): MessageReason => ({ code, params });

/** The reason as the API gives it: a held message says until when (its next try, which may move). */
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
