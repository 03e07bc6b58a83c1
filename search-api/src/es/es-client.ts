import type { Client } from '@elastic/elasticsearch';
import { createElasticsearchClient, type ElasticsearchConnection } from '@catalog/contract/elasticsearch';

/** An Elasticsearch client with our timeouts: a dead cluster is a quick 503, never a hang. */
export function createEsClient(connection: ElasticsearchConnection, o: { requestTimeoutMs: number; maxRetries: number }): Client {
  return createElasticsearchClient(connection, o);
}
