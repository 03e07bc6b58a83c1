export * from './logger';
export * from './graceful-shutdown';
export * from './with-timeout';
export * from './run-main';
export * from './terminal-logger';
