import { safeErrorText } from './safe-error';
import { PermanentDeliveryError, type DeliverableMessage, type ProviderAnswer, type SmsTemplateValues } from './provider';

/**
 * What Aliyun and Tencent need of every message: a registered template (they send no free text)
 * and the shop's signature, from settings `sms.signature`. Either missing fails the message at once,
 * saying which; trying again would not bring them.
 */
export function templateOf(message: DeliverableMessage, provider: string): SmsTemplateValues {
  if (message.smsTemplate) return message.smsTemplate;
  throw new PermanentDeliveryError(
    `${provider} sends only approved templates, and this SMS is free text: choose a registered template in the message step (settings sms.templates)`,
  );
}

/** The SignName the providers expect: the registered signature without its 【】. */
export async function signNameOf(signature: () => Promise<string | null>, provider: string): Promise<string> {
  const stored = await signature();
  const name = stored?.replace(/^【|】$/g, '').trim();
  if (!name)
    throw new PermanentDeliveryError(
      `${provider} needs the shop's SMS signature: set settings sms.signature (e.g. 【回头小店】), as registered with ${provider}`,
    );
  return name;
}

/** A mainland number (11 digits from 1) gets +86; a number with its country code keeps it. */
export function e164(recipient: string): string {
  const digits = recipient.replace(/[\s-]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('0086')) return `+${digits.slice(2)}`;
  if (/^1\d{10}$/.test(digits)) return `+86${digits}`;
  return `+${digits}`;
}

/** The provider's answer as it may be stored: its code as is, its message with numbers masked and cut. */
export function storedAnswer(code: unknown, message: unknown): ProviderAnswer {
  return { code: String(code ?? 'unknown').slice(0, 100), message: safeErrorText(new Error(String(message ?? ''))) };
}

/** `{ "2": "b", "1": "a" }` → `["a", "b"]`: Tencent's values in the order of the template's {1}, {2}… */
export function orderedParams(params: Record<string, string>): string[] {
  return Object.keys(params)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => params[k]!);
}

/** The body of an answer as JSON, or undefined when it is not. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
