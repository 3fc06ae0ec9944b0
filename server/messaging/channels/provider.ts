/** One message as a provider receives it: already rendered, addressed, and claimed for delivery. */
export interface DeliverableMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  /** SMS: plain text. Email: HTML, its variables already escaped when rendered. */
  text: string;
  idempotencyKey: string;
  /** What sent it, for providers that tell staff where a task comes from (WeCom). */
  journeyId?: string | undefined;
  nodeId?: string | undefined;
  customerId?: string | undefined;
  /**
   * An SMS sent as a provider template (Aliyun, Tencent): the template's code and the value of each
   * of its variables, rendered when the journey sent it. Absent for free text.
   */
  smsTemplate?: SmsTemplateValues | null | undefined;
  /** A marketing email's unsubscribe link (RFC 8058 one-click URL, optional mailto); absent for anything else. */
  unsubscribe?: { url: string; mailto?: string | undefined } | undefined;
}

/** `params`: Aliyun's named variables (`{ order: "1001" }`) or Tencent's numbered ones (`{ "1": "1001" }`). */
export interface SmsTemplateValues {
  code: string;
  params: Record<string, string>;
}

/** What a provider answered, as it worded it (`OK`, `isv.BUSINESS_LIMIT_CONTROL`…), kept on the message row. */
export interface ProviderAnswer {
  code: string;
  message: string;
}

/**
 * A way out for one channel (SMS through an HTTP gateway, email through SMTP, a local sink…).
 * `send` resolves with the provider's id for the message or throws; the dispatcher retries.
 */
export interface ChannelProvider {
  /** Recorded with the message: `sms-http`, `aliyun-sms`, `tencent-sms`, `smtp`, `local-sink`. */
  name: string;
  send(message: DeliverableMessage): Promise<{ providerMessageId: string; answer?: ProviderAnswer | undefined }>;
  close?(): Promise<void>;
}

/** A failure the provider says will not go away by trying again (a refused address, a bad request). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
  constructor(
    message: string,
    /** The provider's own code and message, when it gave them. */
    readonly answer?: ProviderAnswer,
  ) {
    super(message);
  }
}

/** A failure that may pass (throttled, the provider busy): tried again per the dispatcher's policy, the provider's answer kept. */
export class RetryableDeliveryError extends Error {
  override name = 'RetryableDeliveryError';
  constructor(
    message: string,
    readonly answer: ProviderAnswer,
  ) {
    super(message);
  }
}
