/** One message as a provider receives it: already rendered, addressed, and claimed for delivery. */
export interface DeliverableMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  /** SMS: plain text. Email: HTML, its variables already escaped when rendered. */
  text: string;
  idempotencyKey: string;
  /** A marketing email's unsubscribe link (RFC 8058 one-click URL, optional mailto); absent for anything else. */
  unsubscribe?: { url: string; mailto?: string | undefined } | undefined;
}

/**
 * A way out for one channel (SMS through an HTTP gateway, email through SMTP, a local sink…).
 * `send` resolves with the provider's id for the message or throws; the dispatcher retries.
 */
export interface ChannelProvider {
  /** Recorded with the message: `sms-http`, `smtp`, `local-sink`. */
  name: string;
  send(message: DeliverableMessage): Promise<{ providerMessageId: string }>;
  close?(): Promise<void>;
}

/** A failure the provider says will not go away by trying again (a refused address, a bad request). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
