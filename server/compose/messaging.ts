import { MessageDispatcher } from '../messaging/dispatcher';
import { channelProviders } from '../messaging/channels/providers';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';

/**
 * Delivery of the outbox through each channel's provider (Aliyun or Tencent SMS, the SMS gateway, SMTP, else a local
 * sink file). Workers deliver the outbox too; claims make any number of them safe together.
 */
export function startDelivery(config: Config, db: Db, log: Logger, smsSignature: () => Promise<string | null>): MessageDispatcher {
  const dispatcher = new MessageDispatcher({
    db,
    providers: channelProviders(config, smsSignature),
    log,
    maxAttempts: config.deliveryAttempts,
    claimTimeoutMs: config.deliveryClaimTimeoutMs,
  });
  dispatcher.start();
  return dispatcher;
}
