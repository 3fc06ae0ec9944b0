export * from './quiet-hours';
export * from './caps';
export * from './settings';
