import { createAddressGuard } from '../address-guard';
import { publicUrlFromEnv, wecomConfigFromEnv, type WecomConfig } from './wecom-config';
import { smsProviderConfig, type SmsProviderConfig } from './sms-provider-config';

/** How messages and webhooks leave Huitou (docs/architecture.md, "Channels"). */
export interface ChannelConfig {
  /** `HUITOU_HTTP_ALLOW`: private CIDRs, addresses or host names outbound HTTP may reach. */
  httpAllow: string[];
  /** `HUITOU_SMS_URL` + `HUITOU_SMS_SECRET`; absent: the local SMS sink. */
  sms?: { url: string; secret: string } | undefined;
  /** `HUITOU_SMS_PROVIDER` (aliyun | tencent) and its keys; absent: the gateway or the local sink. */
  smsProvider?: SmsProviderConfig | undefined;
  /** `HUITOU_SMTP_URL` + `HUITOU_MAIL_FROM`; absent: the local mail sink. */
  mail?: { smtpUrl: string; from: string } | undefined;
  /** `HUITOU_WECOM_*`: staff tasks sent to a WeCom app or group robot; absent: tasks stay `open` in Huitou. */
  wecom?: WecomConfig | undefined;
  /** `HUITOU_DELIVERY_ATTEMPTS`: tries per message before it is recorded failed (default 5). */
  deliveryAttempts: number;
  /**
   * `HUITOU_DELIVERY_CLAIM_TIMEOUT_S`: after how long a message claimed by a delivering process that
   * never recorded it (the process died) is taken over by another (default 300).
   */
  deliveryClaimTimeoutMs: number;
  /**
   * `HUITOU_PUBLIC_URL`: the address customers and staff reach Huitou at (https://crm.shop.example),
   * without a trailing slash: marketing emails' unsubscribe links and `List-Unsubscribe` headers
   * point there, and WeCom tasks link to the customer's page there; absent, the local address
   * `http://<host>:<port>` for unsubscribe links and no link in tasks.
   */
  publicUrl?: string | undefined;
  /** `HUITOU_UNSUBSCRIBE_SECRET`: signs unsubscribe links; absent, one generated and kept in the database. */
  unsubscribeSecret?: string | undefined;
  /** `HUITOU_UNSUBSCRIBE_MAILTO`: an address for `List-Unsubscribe`'s optional mailto; absent, none. */
  unsubscribeMailto?: string | undefined;
}

export function channelConfigFromEnv(env: NodeJS.ProcessEnv): ChannelConfig {
  const httpAllow = (env.HUITOU_HTTP_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  createAddressGuard(httpAllow); // refuses a malformed entry at start, naming it
  const attempts = Number(env.HUITOU_DELIVERY_ATTEMPTS ?? 5);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100)
    throw new Error(`HUITOU_DELIVERY_ATTEMPTS must be a whole number from 1 to 100, not "${env.HUITOU_DELIVERY_ATTEMPTS}"`);
  const claimTimeoutS = Number(env.HUITOU_DELIVERY_CLAIM_TIMEOUT_S ?? 300);
  if (!Number.isInteger(claimTimeoutS) || claimTimeoutS < 5)
    throw new Error(`HUITOU_DELIVERY_CLAIM_TIMEOUT_S must be a whole number of seconds, at least 5, not "${env.HUITOU_DELIVERY_CLAIM_TIMEOUT_S}"`);
  return {
    httpAllow,
    sms: smsConfig(env),
    smsProvider: smsProviderConfig(env),
    mail: mailConfig(env),
    wecom: wecomConfigFromEnv(env),
    deliveryAttempts: attempts,
    deliveryClaimTimeoutMs: claimTimeoutS * 1000,
    publicUrl: publicUrlFromEnv(env),
    ...unsubscribeConfig(env),
  };
}

function unsubscribeConfig(env: NodeJS.ProcessEnv): Pick<ChannelConfig, 'unsubscribeSecret' | 'unsubscribeMailto'> {
  const secret = env.HUITOU_UNSUBSCRIBE_SECRET || undefined;
  if (secret && secret.length < 16) throw new Error('HUITOU_UNSUBSCRIBE_SECRET must be at least 16 characters: it signs unsubscribe links');
  const mailto = env.HUITOU_UNSUBSCRIBE_MAILTO || undefined;
  if (mailto && !/^[^\s@<>]+@[^\s@<>]+$/.test(mailto)) throw new Error('HUITOU_UNSUBSCRIBE_MAILTO must be an email address, e.g. unsubscribe@shop.example');
  return { unsubscribeSecret: secret, unsubscribeMailto: mailto };
}

function smsConfig(env: NodeJS.ProcessEnv): ChannelConfig['sms'] {
  const url = env.HUITOU_SMS_URL;
  if (!url) return undefined;
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new Error('HUITOU_SMS_URL must be an http or https URL');
  if (!env.HUITOU_SMS_SECRET) throw new Error('HUITOU_SMS_SECRET must be set with HUITOU_SMS_URL: requests to the SMS gateway are signed with it');
  return { url, secret: env.HUITOU_SMS_SECRET };
}

function mailConfig(env: NodeJS.ProcessEnv): ChannelConfig['mail'] {
  const smtpUrl = env.HUITOU_SMTP_URL;
  if (!smtpUrl) return undefined;
  if (!/^smtps?:\/\//.test(smtpUrl) || !URL.canParse(smtpUrl)) throw new Error('HUITOU_SMTP_URL must be an smtp:// or smtps:// URL');
  if (!env.HUITOU_MAIL_FROM || !env.HUITOU_MAIL_FROM.includes('@'))
    throw new Error('HUITOU_MAIL_FROM must be set with HUITOU_SMTP_URL, as the sender address (shop@example.com or "Shop <shop@example.com>")');
  return { smtpUrl, from: env.HUITOU_MAIL_FROM };
}
