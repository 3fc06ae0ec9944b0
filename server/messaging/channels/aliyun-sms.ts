import { randomUUID } from 'node:crypto';
import { OutboundHttpStatus, OutboundRefused, type OutboundHttp } from '../outbound-http';
import { signAcs3 } from './acs3-signature';
import { PermanentDeliveryError, RetryableDeliveryError, type ChannelProvider, type ProviderAnswer } from './provider';
import { e164, parseJson, signNameOf, storedAnswer, templateOf } from './sms-template-message';

export interface AliyunSmsOptions {
  /** `HUITOU_SMS_ENDPOINT`, default https://dysmsapi.aliyuncs.com. */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  http: OutboundHttp;
  /** The shop's signature (settings `sms.signature`), read at each send. */
  signature: () => Promise<string | null>;
  now?: () => Date;
}

export const aliyunSmsVersion = '2017-05-25';
const formType = 'application/x-www-form-urlencoded';

/**
 * Aliyun SMS (短信服务, dysmsapi 2017-05-25), action SendSms, signed with ACS3-HMAC-SHA256. The
 * parameters go in the query string of a POST with an empty body: PhoneNumbers, SignName,
 * TemplateCode, TemplateParam (a JSON object of the template's named variables) and OutId (our
 * message id, echoed in delivery reports). The answer is `{ Code, Message, BizId, RequestId }`.
 */
export function aliyunSms(options: AliyunSmsOptions): ChannelProvider {
  const now = options.now ?? (() => new Date());
  const url = new URL(options.endpoint);
  return {
    name: 'aliyun-sms',
    async send(message) {
      const template = templateOf(message, 'Aliyun SMS');
      const signName = await signNameOf(options.signature, 'Aliyun SMS');
      const query = {
        PhoneNumbers: aliyunNumber(message.recipient),
        SignName: signName,
        TemplateCode: template.code,
        TemplateParam: JSON.stringify(template.params),
        OutId: message.id,
      };
      const signed = signAcs3(
        { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret },
        { method: 'POST', url, action: 'SendSms', version: aliyunSmsVersion, query, body: '', contentType: formType, date: now(), nonce: randomUUID() },
      );
      const target = new URL(url);
      target.search = signed.queryString;
      let body: string;
      try {
        body = (await options.http.post(target.toString(), '', formType, signed.headers)).body;
      } catch (e) {
        if (e instanceof OutboundRefused) throw new PermanentDeliveryError(e.message);
        if (!(e instanceof OutboundHttpStatus)) throw e;
        // Refusals of the request itself (bad signature, unknown key) come as 4xx with a JSON body.
        const refusal = answerOf(e.body);
        if (e.status >= 500 || !refusal) throw refusal ? new RetryableDeliveryError(describe(refusal), refusal) : e;
        throw new PermanentDeliveryError(describe(refusal), refusal);
      }
      const answer = answerOf(body);
      if (!answer) throw new Error('Aliyun SMS answered something that is not its JSON');
      if (answer.code === 'OK') return { providerMessageId: answer.bizId ?? message.id, answer };
      if (retryable(answer.code)) throw new RetryableDeliveryError(describe(answer), answer);
      throw new PermanentDeliveryError(describe(answer), answer);
    },
  };
}

/**
 * Throttling (号码/应用 flow control) and Aliyun's own faults (isp.*) may pass; everything else
 * — a template or signature not approved, a blacklisted number or keyword, no balance, a bad
 * number — will be refused again until someone changes something.
 */
function retryable(code: string): boolean {
  return (
    code === 'isv.BUSINESS_LIMIT_CONTROL' ||
    code === 'Throttling.User' ||
    code === 'ServiceUnavailable' ||
    code.startsWith('isp.') ||
    code.startsWith('Throttling')
  );
}

function answerOf(body: string): (ProviderAnswer & { bizId?: string }) | undefined {
  const parsed = parseJson(body) as { Code?: unknown; Message?: unknown; BizId?: unknown } | undefined;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.Code !== 'string') return undefined;
  return { ...storedAnswer(parsed.Code, parsed.Message), ...(typeof parsed.BizId === 'string' ? { bizId: parsed.BizId } : {}) };
}

const describe = (a: ProviderAnswer) => `Aliyun SMS: ${a.code}: ${a.message}`;

/** Aliyun's PhoneNumbers: a mainland number as its 11 digits, another with its country code and no + (85212345678). */
export function aliyunNumber(recipient: string): string {
  const full = e164(recipient);
  return full.startsWith('+86') ? full.slice(3) : full.slice(1);
}
