export * from './quiet-hours';
export * from './caps';
export * from './settings';
export * from './send-rate';
export * from './message-reason';
export * from './decide';
