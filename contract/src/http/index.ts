export * from './http-problem';
export * from './problem-handler';
export * from './bearer-auth';
export * from './ops-routes';
