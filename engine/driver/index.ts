export * from './action-input';
export * from './driver';
export * from './idempotency-key';
export * from './intake';
export * from './port';
export * from './step-tally';
export * from './zone';
