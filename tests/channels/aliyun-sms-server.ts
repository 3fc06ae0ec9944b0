import { createHash, createHmac } from 'node:crypto';
import { requestId, serveProvider, type ProviderRequest } from './provider-server-base';

/**
 * A local Aliyun SMS (dysmsapi 2017-05-25) for tests, run as its own process. It checks a SendSms
 * request as Aliyun documents it — the ACS3-HMAC-SHA256 signature recomputed with the shared
 * AccessKey secret, the date within 15 minutes, the nonce used once, the body's hash, the action and
 * version, the required parameters, the registered signature and templates — and answers Aliyun's
 * documented bodies. Env: ALIYUN_KEY_ID, ALIYUN_KEY_SECRET, ALIYUN_SIGN_NAME, ALIYUN_TEMPLATES
 * (JSON: code → variable names).
 */
const keyId = process.env.ALIYUN_KEY_ID!;
const keySecret = process.env.ALIYUN_KEY_SECRET!;
const signName = process.env.ALIYUN_SIGN_NAME!;
const templates = JSON.parse(process.env.ALIYUN_TEMPLATES ?? '{}') as Record<string, string[]>;
const nonces = new Set<string>();

// The business answers a test may queue for a phone number, with Aliyun's documented messages.
const businessMessages: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '触发号码天级流控Permits:10',
  'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
  'isv.BLACK_KEY_CONTROL_LIMIT': '黑名单管控',
  'isv.AMOUNT_NOT_ENOUGH': '账户余额不足',
  'isp.SYSTEM_ERROR': 'isp.SYSTEM_ERROR',
};

const refuse = (status: number, code: string, message: string) => ({
  status,
  body: { RequestId: requestId(), HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message },
});
const business = (code: string, message: string) => ({ status: 200, body: { RequestId: requestId(), Code: code, Message: message } });

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function verify(r: ProviderRequest): ReturnType<typeof refuse> | undefined {
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(r.headers.authorization ?? ''));
  if (!auth) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  const [, credential, signedHeaders, signature] = auth;
  if (credential !== keyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const names = signedHeaders!.split(';');
  for (const required of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'])
    if (!names.includes(required) || r.headers[required] === undefined) return refuse(400, 'IncompleteSignature', `The header ${required} must be signed.`);
  const date = Date.parse(String(r.headers['x-acs-date']));
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(r.headers['x-acs-date'])) || Number.isNaN(date))
    return refuse(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  if (Math.abs(Date.now() - date) > 15 * 60_000) return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  const payloadHash = createHash('sha256').update(r.body).digest('hex');
  if (r.headers['x-acs-content-sha256'] !== payloadHash) return refuse(400, 'IncompleteSignature', 'The x-acs-content-sha256 does not match the request body.');
  const query = [...r.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  const canonicalHeaders = [...names]
    .sort()
    .map((n) => `${n}:${String(r.headers[n]).trim()}\n`)
    .join('');
  const canonical = `${r.method}\n${r.path}\n${query}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const expected = createHmac('sha256', keySecret).update(stringToSign).digest('hex');
  if (expected !== signature)
    return refuse(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server string to sign is:${stringToSign}`);
  const nonce = String(r.headers['x-acs-signature-nonce']);
  if (nonces.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  nonces.add(nonce);
  if (r.headers['x-acs-action'] !== 'SendSms') return refuse(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  if (r.headers['x-acs-version'] !== '2017-05-25') return refuse(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  return undefined;
}

serveProvider((r, queued, accept) => {
  const refused = verify(r);
  if (refused) return refused;
  const p = Object.fromEntries(r.query.entries());
  for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode'] as const)
    if (!p[name]) return refuse(400, `Missing${name}`, `${name} is mandatory for this action.`);
  if (!/^1\d{10}$/.test(p.PhoneNumbers!)) return business('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  if (p.SignName !== signName) return business('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
  const variables = templates[p.TemplateCode!];
  if (!variables) return business('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
  let values: Record<string, unknown>;
  try {
    values = JSON.parse(p.TemplateParam ?? '{}') as Record<string, unknown>;
  } catch {
    return business('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  if (typeof values !== 'object' || values === null || Object.values(values).some((v) => typeof v !== 'string'))
    return business('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  if (variables.some((v) => !(v in values))) return business('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
  accept({ action: 'SendSms', params: { ...p, TemplateParam: values } });
  const code = queued(p.PhoneNumbers!);
  if (code) return business(code, businessMessages[code] ?? code);
  return { status: 200, body: { RequestId: requestId(), Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` } };
});
