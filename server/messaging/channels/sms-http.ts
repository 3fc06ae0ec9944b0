import { createHmac } from 'node:crypto';
import type { HttpService } from '../../../engine/index';
import { OutboundHttpStatus, OutboundRefused } from '../outbound-http';
import { PermanentDeliveryError, type ChannelProvider } from './provider';

export interface SmsHttpOptions {
  /** The gateway's endpoint (`HUITOU_SMS_URL`). */
  url: string;
  /** Shared secret for the signature (`HUITOU_SMS_SECRET`). */
  secret: string;
  http: HttpService;
  /** Seconds since the epoch; replaced in tests. */
  now?: () => number;
}

/**
 * SMS through an HTTP gateway: a small adapter in front of whichever SMS service the shop uses.
 * POST `{ id, to, text }` as JSON with
 *   X-Huitou-Timestamp: <unix seconds>
 *   X-Huitou-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   Idempotency-Key: <message id>
 * so the gateway can check the sender and the freshness, and drop a repeat. A 2xx answer may carry
 * `{ "id": "…" }`, recorded as the provider's message id.
 */
export function smsHttp(options: SmsHttpOptions): ChannelProvider {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  return {
    name: 'sms-http',
    async send(message) {
      const body = { id: message.id, to: message.recipient, text: message.text };
      const timestamp = String(now());
      const signature = signSms(options.secret, timestamp, JSON.stringify(body));
      try {
        const answer = await options.http.postJson(options.url, body, {
          'X-Huitou-Timestamp': timestamp,
          'X-Huitou-Signature': `sha256=${signature}`,
          'Idempotency-Key': message.id,
        });
        return { providerMessageId: providerId(answer.body) ?? message.id };
      } catch (e) {
        // A request the gateway refuses (4xx but time-outs and throttling) will be refused again.
        if (e instanceof OutboundHttpStatus && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429)
          throw new PermanentDeliveryError(e.message);
        if (e instanceof OutboundRefused) throw new PermanentDeliveryError(e.message);
        throw e;
      }
    },
  };
}

/** The signature over the exact body sent; gateways recompute it to verify. */
export function signSms(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function providerId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).id : undefined;
    return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
  } catch {
    return undefined;
  }
}
