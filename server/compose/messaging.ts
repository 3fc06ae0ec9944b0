import { MessageDispatcher } from '../messaging/dispatcher';
import { channelProviders } from '../messaging/channels/providers';
import { journeyNames } from '../messaging/journey-names';
import { unsubscribeLinker, unsubscribeSecret } from '../messaging/unsubscribe-token';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';

/**
 * Delivery of the outbox through each channel's provider (Aliyun or Tencent SMS, the SMS gateway,
 * SMTP, else a local sink file; staff tasks to WeCom when it is configured). Workers deliver the
 * outbox too; claims make any number of them safe together.
 */
export function startDelivery(config: Config, db: Db, log: Logger, smsSignature: () => Promise<string | null>): MessageDispatcher {
  const dispatcher = new MessageDispatcher({
    db,
    providers: channelProviders(config, smsSignature, { journeyName: journeyNames(db) }),
    log,
    maxAttempts: config.deliveryAttempts,
    claimTimeoutMs: config.deliveryClaimTimeoutMs,
    // Marketing emails carry a one-click unsubscribe link to the public address.
    unsubscribeLinks: unsubscribeLinker({
      publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
      mailto: config.unsubscribeMailto,
      secret: unsubscribeSecret(db, config.unsubscribeSecret),
    }),
  });
  dispatcher.start();
  return dispatcher;
}
