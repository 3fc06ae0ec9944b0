import { join } from 'node:path';
import type { ChannelConfig } from './channel-config';
import { createOutboundHttp } from '../outbound-http';
import { localSink } from './local-sink';
import type { ChannelProvider } from './provider';
import { smsHttp } from './sms-http';
import { smtp } from './smtp';

/**
 * The provider for each channel, from the configuration: the SMS gateway and SMTP server when
 * configured, else a local sink file under the data folder. Staff tasks have none: they stay `open`
 * for staff to work through.
 */
export function channelProviders(config: ChannelConfig & { dataDir: string }): Record<'sms' | 'email', ChannelProvider> {
  const sms = config.sms
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
