/** Aliyun SMS or Tencent Cloud SMS, as the operator configured them (docs/channels.md). */
export type SmsProviderConfig =
  | { kind: 'aliyun'; endpoint: string; accessKeyId: string; accessKeySecret: string }
  | { kind: 'tencent'; endpoint: string; secretId: string; secretKey: string; region: string; sdkAppId: string };

export const smsProviderKinds = ['aliyun', 'tencent'] as const;

const defaultEndpoints = { aliyun: 'https://dysmsapi.aliyuncs.com', tencent: 'https://sms.tencentcloudapi.com' };

/**
 * `HUITOU_SMS_PROVIDER=aliyun|tencent` with `HUITOU_SMS_ACCESS_KEY_ID` / `HUITOU_SMS_ACCESS_KEY_SECRET`
 * (Aliyun AccessKey, or Tencent SecretId / SecretKey), `HUITOU_SMS_ENDPOINT` (the provider's by
 * default), and for Tencent `HUITOU_SMS_SDK_APP_ID` and `HUITOU_SMS_REGION` (default ap-guangzhou).
 * Absent provider: undefined (the generic gateway or the local sink). A bad value stops the start,
 * naming the variable.
 */
export function smsProviderConfig(env: NodeJS.ProcessEnv): SmsProviderConfig | undefined {
  const kind = env.HUITOU_SMS_PROVIDER?.trim();
  if (!kind) return undefined;
  if (kind !== 'aliyun' && kind !== 'tencent') throw new Error(`HUITOU_SMS_PROVIDER must be aliyun or tencent, not "${kind}"`);
  if (env.HUITOU_SMS_URL) throw new Error('set either HUITOU_SMS_PROVIDER or HUITOU_SMS_URL (the generic gateway), not both');
  const id = env.HUITOU_SMS_ACCESS_KEY_ID?.trim();
  const secret = env.HUITOU_SMS_ACCESS_KEY_SECRET;
  if (!id || !secret)
    throw new Error(
      `HUITOU_SMS_ACCESS_KEY_ID and HUITOU_SMS_ACCESS_KEY_SECRET must be set with HUITOU_SMS_PROVIDER=${kind} (${kind === 'aliyun' ? 'the AccessKey ID and secret of a RAM user allowed to send SMS' : 'the SecretId and SecretKey of a CAM key allowed to send SMS'})`,
    );
  const endpoint = env.HUITOU_SMS_ENDPOINT?.trim() || defaultEndpoints[kind];
  if (!/^https?:\/\//.test(endpoint) || !URL.canParse(endpoint)) throw new Error('HUITOU_SMS_ENDPOINT must be an http or https URL');
  if (kind === 'aliyun') return { kind, endpoint, accessKeyId: id, accessKeySecret: secret };
  const sdkAppId = env.HUITOU_SMS_SDK_APP_ID?.trim();
  if (!sdkAppId || !/^\d+$/.test(sdkAppId))
    throw new Error('HUITOU_SMS_SDK_APP_ID must be set with HUITOU_SMS_PROVIDER=tencent: the SdkAppId of the SMS application (digits, e.g. 1400006666)');
  const region = env.HUITOU_SMS_REGION?.trim() || 'ap-guangzhou';
  return { kind, endpoint, secretId: id, secretKey: secret, region, sdkAppId };
}
