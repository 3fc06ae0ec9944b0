export * from './subscriptions';
export * from './sms-reply';
export * from './opt-out';
