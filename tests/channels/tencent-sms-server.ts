import { createHash, createHmac } from 'node:crypto';
import { requestId, serveProvider, type ProviderRequest } from './provider-server-base';

/**
 * A local Tencent Cloud SMS (2021-01-11) for tests, run as its own process. It checks a SendSms
 * request as Tencent documents it — the TC3-HMAC-SHA256 signature recomputed with the shared
 * SecretKey (derived key from the credential scope's date and service), the timestamp within 5
 * minutes, the action, version and region headers, the JSON parameters (PhoneNumberSet in E.164,
 * SmsSdkAppId, SignName, TemplateId, TemplateParamSet matching the template) — and answers
 * Tencent's documented bodies: HTTP 200 always, `Response.Error` for a refused request, else
 * `Response.SendStatusSet`. Env: TENCENT_SECRET_ID, TENCENT_SECRET_KEY, TENCENT_SDK_APP_ID,
 * TENCENT_SIGN_NAME, TENCENT_TEMPLATES (JSON: id → number of variables).
 */
const secretId = process.env.TENCENT_SECRET_ID!;
const secretKey = process.env.TENCENT_SECRET_KEY!;
const sdkAppId = process.env.TENCENT_SDK_APP_ID!;
const signName = process.env.TENCENT_SIGN_NAME!;
const templates = JSON.parse(process.env.TENCENT_TEMPLATES ?? '{}') as Record<string, number>;

const statusMessages: Record<string, string> = {
  'LimitExceeded.PhoneNumberDailyLimit': '单个手机号日下发短信条数超过设定的上限（可自行到控制台调整短信频率限制策略）。',
  'FailedOperation.TemplateIncorrectOrUnapproved': '模板未审批或请求的内容与审核通过的模板内容不匹配。',
  'FailedOperation.PhoneNumberInBlacklist': '手机号在免打扰名单库中，免打扰名单是指用户退订相关短信导致。',
  'FailedOperation.InsufficientBalanceInSmsPackage': '套餐包余量不足，请购买套餐包。',
  'InternalError.Timeout': '请求下发短信超时。',
};

const error = (code: string, message: string) => ({ status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId() } } });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

function verify(r: ProviderRequest): ReturnType<typeof error> | undefined {
  if (r.method !== 'POST') return error('UnsupportedOperation', 'Only POST is served here.');
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    String(r.headers.authorization ?? ''),
  );
  if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization 不符合腾讯云标准。');
  const [, id, date, service, signedHeaders, signature] = auth;
  if (id !== secretId) return error('AuthFailure.SecretIdNotFound', '密钥不存在。');
  const timestamp = Number(r.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp)) return error('MissingParameter', 'The parameter `X-TC-Timestamp` is missing.');
  if (Math.abs(Date.now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', '签名过期。Timestamp 和服务器时间相差不得超过五分钟。');
  if (service !== 'sms' || date !== new Date(timestamp * 1000).toISOString().slice(0, 10))
    return error(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`.',
    );
  const names = signedHeaders!.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return error('AuthFailure.SignatureFailure', 'content-type and host must be signed.');
  const value = (n: string) => (n === 'x-tc-action' ? String(r.headers[n]).toLowerCase() : String(r.headers[n] ?? '').trim());
  const canonical = `POST\n/\n${r.query.toString()}\n${names.map((n) => `${n}:${value(n)}\n`).join('')}\n${names.join(';')}\n${sha256(r.body)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request');
  if (createHmac('sha256', signingKey).update(stringToSign).digest('hex') !== signature)
    return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  if (r.headers['x-tc-action'] !== 'SendSms') return error('InvalidAction', '接口不存在。');
  if (r.headers['x-tc-version'] !== '2021-01-11') return error('InvalidParameterValue', 'The value of X-TC-Version is not supported.');
  if (!r.headers['x-tc-region']) return error('MissingParameter', 'The parameter `X-TC-Region` is missing.');
  return undefined;
}

serveProvider((r, queued, accept) => {
  const refused = verify(r);
  if (refused) return refused;
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(r.body) as Record<string, unknown>;
  } catch {
    return error('InvalidParameter', '参数错误：请求体不是 JSON。');
  }
  for (const name of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId'])
    if (p[name] === undefined) return error('MissingParameter', `The parameter \`${name}\` is missing.`);
  if (p.SmsSdkAppId !== sdkAppId)
    return error('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId 校验失败，请检查 SmsSdkAppId 是否属于云 API 密钥的关联账户。');
  const phones = p.PhoneNumberSet as unknown[];
  if (!Array.isArray(phones) || phones.length === 0) return error('InvalidParameterValue', 'PhoneNumberSet must not be empty.');
  const values = Array.isArray(p.TemplateParamSet) ? (p.TemplateParamSet as unknown[]) : [];
  accept({ action: 'SendSms', params: p });
  const SendStatusSet = phones.map((phone) => {
    const status = (code: string, message: string) => ({
      SerialNo: code === 'Ok' ? `2433:${Date.now()}` : '',
      PhoneNumber: phone,
      Fee: code === 'Ok' ? 1 : 0,
      SessionContext: p.SessionContext ?? '',
      Code: code,
      Message: message,
      IsoCode: 'CN',
    });
    if (typeof phone !== 'string' || !/^\+861\d{10}$/.test(phone)) return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误。');
    if (p.SignName !== signName) return status('FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误。');
    const count = templates[String(p.TemplateId)];
    if (count === undefined) return status('FailedOperation.TemplateIncorrectOrUnapproved', statusMessages['FailedOperation.TemplateIncorrectOrUnapproved']!);
    if (values.length !== count || values.some((v) => typeof v !== 'string'))
      return status('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配。');
    const code = queued(phone);
    if (code) return status(code, statusMessages[code] ?? code);
    return status('Ok', 'send success');
  });
  return { status: 200, body: { Response: { SendStatusSet, RequestId: requestId() } } };
});
