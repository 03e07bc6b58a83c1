export * from './http-problem';
export * from './problem-handler';
export * from './bearer-auth';
export * from './client-address';
export * from './rate-limit';
export * from './ops-routes';
