/**
 * Why a message is where it is, as a code with parameters: the API hands it out as is and the
 * designer words it in the reader's language. The guard decision (decide.ts) gives the reasons of
 * a message entering the outbox; the server stores them on the message (`reason_code`,
 * `reason_params`) beside the ones it decides later (delivery, the customer's journey).
 *
 * - held (status `queued`, until `next_attempt_at`): `quiet_hours`, `send_rate`, `arbitration`
 *   (waiting for a message of higher priority), `journey_paused`, `retry` (a failed try);
 * - `capped`: `frequency_cap` (the cap was full) or `gave_way` (a message of higher priority took
 *   the place);
 * - `cancelled`: `journey_stopped`, `customer_exited` (exit criteria), `customer_converted` (the
 *   journey's goal) — the customer no longer needs it;
 * - skipped: `quiet_hours` (status `skipped_quiet_hours`), `no_recipient`, `unsubscribed` (status
 *   `skipped_unsubscribed`: a marketing message to a customer who unsubscribed from its channel).
 */
export const messageReasonCodes = [
  'quiet_hours',
  'send_rate',
  'arbitration',
  'journey_paused',
  'retry',
  'frequency_cap',
  'gave_way',
  'journey_stopped',
  'customer_exited',
  'customer_converted',
  'no_recipient',
  'unsubscribed',
] as const;
export type MessageReasonCode = (typeof messageReasonCodes)[number];

/** Parameters by code; every value is a string or a number, so a translation can interpolate them. */
export type MessageReasonParams = Record<string, string | number>;

export interface MessageReason {
  code: MessageReasonCode;
  params: MessageReasonParams;
}

export const reasonOf = (code: MessageReasonCode, params: MessageReasonParams = {}): MessageReason => ({ code, params });
