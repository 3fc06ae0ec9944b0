import { OutboundHttpStatus, OutboundRefused, type OutboundHttp } from '../outbound-http';
import { PermanentDeliveryError, RetryableDeliveryError, type ChannelProvider, type ProviderAnswer } from './provider';
import { e164, orderedParams, parseJson, signNameOf, storedAnswer, templateOf } from './sms-template-message';
import { signTc3, tc3ContentType } from './tc3-signature';

export interface TencentSmsOptions {
  /** `HUITOU_SMS_ENDPOINT`, default https://sms.tencentcloudapi.com. */
  endpoint: string;
  secretId: string;
  secretKey: string;
  /** `HUITOU_SMS_REGION`, default ap-guangzhou. */
  region: string;
  /** `HUITOU_SMS_SDK_APP_ID`: the SMS application (SdkAppId) the templates and signature belong to. */
  sdkAppId: string;
  http: OutboundHttp;
  /** The shop's signature (settings `sms.signature`), read at each send. */
  signature: () => Promise<string | null>;
  now?: () => number;
}

export const tencentSmsVersion = '2021-01-11';

/**
 * Tencent Cloud SMS (2021-01-11), action SendSms, signed with TC3-HMAC-SHA256. The JSON body has
 * PhoneNumberSet (E.164, +86…), SmsSdkAppId, SignName, TemplateId, TemplateParamSet (the values in
 * the order of the template's {1}, {2}…) and SessionContext (our message id, echoed in receipts).
 * The answer is always HTTP 200: `Response.Error` refuses the request, else
 * `Response.SendStatusSet[0].Code` says how this number fared ("Ok" or an error code).
 */
export function tencentSms(options: TencentSmsOptions): ChannelProvider {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const url = new URL(options.endpoint);
  return {
    name: 'tencent-sms',
    async send(message) {
      const template = templateOf(message, 'Tencent Cloud SMS');
      const signName = await signNameOf(options.signature, 'Tencent Cloud SMS');
      const body = JSON.stringify({
        PhoneNumberSet: [e164(message.recipient)],
        SmsSdkAppId: options.sdkAppId,
        SignName: signName,
        TemplateId: template.code,
        TemplateParamSet: orderedParams(template.params),
        SessionContext: message.id,
      });
      const headers = signTc3(
        { secretId: options.secretId, secretKey: options.secretKey },
        { url, service: 'sms', action: 'SendSms', version: tencentSmsVersion, region: options.region, body, timestamp: now() },
      );
      let answerBody: string;
      try {
        answerBody = (await options.http.post(url.toString(), body, tc3ContentType, headers)).body;
      } catch (e) {
        if (e instanceof OutboundRefused) throw new PermanentDeliveryError(e.message);
        if (e instanceof OutboundHttpStatus && e.status >= 400 && e.status < 500 && e.status !== 429) throw new PermanentDeliveryError(e.message);
        throw e;
      }
      const response = (parseJson(answerBody) as { Response?: TencentResponse } | undefined)?.Response;
      if (!response || typeof response !== 'object') throw new Error('Tencent Cloud SMS answered something that is not its JSON');
      if (response.Error) {
        const answer = storedAnswer(response.Error.Code, response.Error.Message);
        throw retryable(answer.code) ? new RetryableDeliveryError(describe(answer), answer) : new PermanentDeliveryError(describe(answer), answer);
      }
      const status = response.SendStatusSet?.[0];
      if (!status) throw new Error('Tencent Cloud SMS answered without a SendStatusSet');
      const answer = storedAnswer(status.Code, status.Message);
      if (answer.code === 'Ok') return { providerMessageId: typeof status.SerialNo === 'string' ? status.SerialNo : message.id, answer };
      throw retryable(answer.code) ? new RetryableDeliveryError(describe(answer), answer) : new PermanentDeliveryError(describe(answer), answer);
    },
  };
}

interface TencentResponse {
  Error?: { Code?: unknown; Message?: unknown };
  SendStatusSet?: { SerialNo?: unknown; Code?: unknown; Message?: unknown }[];
}

/**
 * Frequency limits (LimitExceeded.*, RequestLimitExceeded) and Tencent's own faults
 * (InternalError.*) may pass; a template or signature not approved, a blacklisted number, an empty
 * package, a bad number or a refused credential will not.
 */
function retryable(code: string): boolean {
  return (
    code.startsWith('LimitExceeded') ||
    code.startsWith('RequestLimitExceeded') ||
    code.startsWith('InternalError') ||
    code === 'FailedOperation.FailResolvePacket'
  );
}

const describe = (a: ProviderAnswer) => `Tencent Cloud SMS: ${a.code}: ${a.message}`;
