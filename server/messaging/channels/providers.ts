import { join } from 'node:path';
import type { ChannelConfig } from './channel-config';
import { createOutboundHttp } from '../outbound-http';
import { aliyunSms } from './aliyun-sms';
import { localSink } from './local-sink';
import type { ChannelProvider } from './provider';
import type { SmsProviderConfig } from './sms-provider-config';
import { smsHttp } from './sms-http';
import { smtp } from './smtp';
import { tencentSms } from './tencent-sms';
import { wecomApp } from './wecom-app';
import type { WecomConfig } from './wecom-config';
import { wecomRobot } from './wecom-robot';

/** What providers may look up while composing a message (a journey's name for a staff task). */
export interface ProviderLookups {
  journeyName?: (journeyId: string) => Promise<string | undefined>;
}

/**
 * The provider for each channel, from the configuration: Aliyun or Tencent Cloud SMS, or the SMS
 * gateway, and the SMTP server when configured, else a local sink file under the data folder.
 * Staff tasks go to WeCom when it is configured; otherwise they have none and stay `open` for
 * staff to work through. `smsSignature` reads the shop's signature (settings `sms.signature`)
 * when an SMS provider needs it.
 */
export function channelProviders(
  config: ChannelConfig & { dataDir: string },
  smsSignature: () => Promise<string | null> = async () => null,
  lookups: ProviderLookups = {},
): Record<'sms' | 'email', ChannelProvider> & { task?: ChannelProvider } {
  const sms = config.smsProvider
    ? smsProvider(config.smsProvider, config.httpAllow, smsSignature)
    : config.sms
      ? smsHttp({
          url: config.sms.url,
          secret: config.sms.secret,
          // The operator named this endpoint, so it may be on the shop's own network.
          http: createOutboundHttp({ allow: [...config.httpAllow, new URL(config.sms.url).hostname] }),
        })
      : localSink(join(config.dataDir, 'sms-sink.log'));
  const email = config.mail ? smtp({ url: config.mail.smtpUrl, from: config.mail.from }) : localSink(join(config.dataDir, 'mail-sink.log'));
  return { sms, email, ...(config.wecom ? { task: wecomProvider(config.wecom, config, lookups) } : {}) };
}

function wecomProvider(wecom: WecomConfig, config: ChannelConfig, lookups: ProviderLookups): ChannelProvider {
  // WeCom's own address is public; an operator who names another (HUITOU_WECOM_API_URL, a proxy) may put it on the shop's network.
  const http = createOutboundHttp({ allow: [...config.httpAllow, new URL(wecom.apiUrl).hostname] });
  const shared = { http, apiUrl: wecom.apiUrl, publicUrl: config.publicUrl, journeyName: lookups.journeyName };
  return wecom.kind === 'app'
    ? wecomApp({ ...shared, corpId: wecom.corpId, secret: wecom.secret, agentId: wecom.agentId, fallbackUser: wecom.fallbackUser })
    : wecomRobot({ ...shared, key: wecom.key });
}

function smsProvider(config: SmsProviderConfig, httpAllow: string[], signature: () => Promise<string | null>): ChannelProvider {
  // The operator named the endpoint (a proxy or a test server may be on the shop's own network).
  const http = createOutboundHttp({ allow: [...httpAllow, new URL(config.endpoint).hostname] });
  return config.kind === 'aliyun'
    ? aliyunSms({ endpoint: config.endpoint, accessKeyId: config.accessKeyId, accessKeySecret: config.accessKeySecret, http, signature })
    : tencentSms({
        endpoint: config.endpoint,
        secretId: config.secretId,
        secretKey: config.secretKey,
        region: config.region,
        sdkAppId: config.sdkAppId,
        http,
        signature,
      });
}
