import { Client } from '@elastic/elasticsearch';

/** An Elasticsearch client with our timeouts: a dead cluster is a quick 503, never a hang. */
export function createEsClient(o: { url: string; requestTimeoutMs: number; maxRetries: number }): Client {
  return new Client({ node: o.url, requestTimeout: o.requestTimeoutMs, maxRetries: o.maxRetries, sniffOnStart: false });
}
