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

/**
 * The provider for each channel, from the configuration: Aliyun or Tencent Cloud SMS, or the SMS
 * gateway, and the SMTP server when configured, else a local sink file under the data folder.
 * Staff tasks have none: they stay `open` for staff to work through. `smsSignature` reads the
 * shop's signature (settings `sms.signature`) when a provider needs it.
 */
export function channelProviders(
  config: ChannelConfig & { dataDir: string },
  smsSignature: () => Promise<string | null> = async () => null,
): Record<'sms' | 'email', ChannelProvider> {
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
  return { sms, email };
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
