export { createSearchApp, type SearchAppDeps, type SearchApp } from './app';
export { createEsGateway, analyticsIndexName, type SearchBackend } from './es/es-gateway';
export { createEsClient } from './es/es-client';
export { createMemjsCache } from './cache/memjs-cache';
export { createMemoryCache } from './cache/memory-cache';
export type { Cache } from './cache/cache';
export { createMetrics } from './metrics';
export { buildSearchRequest } from './search/build-search-request';
export { mapSearchResponse } from './search/map-search-response';
