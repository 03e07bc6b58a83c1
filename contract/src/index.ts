export * from './product';
export * from './product-event';
export * from './search-params';
export * from './problem';
export * from './config';
export * from './search-response';
export * from './cache-keys';
export * from './cache-routing';
