import type { Client } from '@elastic/elasticsearch';
import { createElasticsearchClient, type ElasticsearchConnection } from '@catalog/contract/elasticsearch';
import { createMemcachedPool, type MemcachedPool } from '@catalog/contract/memcached-pool';
import type { Logger } from 'pino';

/** Elasticsearch client: no transport retries, because the bulk writer decides what is retried. */
export function createEsClient(connection: ElasticsearchConnection, requestTimeoutMs: number): Client {
  return createElasticsearchClient(connection, { requestTimeoutMs, maxRetries: 0 });
}

/**
 * Memcached pool routed like the search API's cache (rendezvous hashing, so both pick the same server
 * for a key); memjs's own chatter goes to debug logs.
 */
export function createMemcached(options: { servers: readonly string[]; timeoutMs: number; log: Logger }): MemcachedPool {
  return createMemcachedPool(options.servers, {
    // Like search-api: no memjs retries (the invalidator owes and retries what failed) and a connect
    // deadline, so a paused or restarted memcached is given up on quickly and reconnected to at once.
    timeout: options.timeoutMs / 1000,
    conntimeout: (options.timeoutMs * 2) / 1000,
    retries: 0,
    keepAlive: true,
    logger: { log: (...args: unknown[]) => options.log.debug({ memjs: args.map(String).join(' ') }, 'memjs') },
  });
}
