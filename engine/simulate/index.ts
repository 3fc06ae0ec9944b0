export * from './simulate';
export * from './services';
