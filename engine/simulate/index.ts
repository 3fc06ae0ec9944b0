export * from './simulate';
export * from './services';
export * from './budget';
