export * from './local-time';
export * from './quiet-hours';
export * from './caps';
export * from './settings';
