import { describe, expect, it } from 'vitest';
import { ConfigError } from '@catalog/contract';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
      MEMCACHED_SERVERS: ['127.0.0.1:11211'],
      INDEX_ALIAS: 'products',
      ES_REQUEST_TIMEOUT_MS: 2000,
      ES_SEARCH_TIMEOUT_MS: 1500,
      CACHE_ENABLED: true,
      CACHE_ADMISSION_MIN_HITS: 2,
      CACHE_OP_TIMEOUT_MS: 50,
      TRUST_PROXY_HOPS: 0,
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_REQUESTS: 200,
      RATE_LIMIT_WINDOW_S: 10,
      RATE_LIMIT_STORE: 'memcached',
      ADMIN_AUTH_MAX_FAILURES: 10,
      ADMIN_AUTH_FAILURE_WINDOW_S: 60,
      SUGGEST_MIN_CLIENTS: 3,
      SUGGEST_MAX_CHARS: 60,
      SUGGEST_MAX_TERMS: 6,
      ANALYTICS_MAX_QUERIES_PER_CLIENT_DAY: 200,
    });
    expect(c.ADMIN_TOKEN).toBeUndefined();
  });

  it('reads a pool of memcached servers', () => {
    expect(loadConfig({ MEMCACHED_SERVERS: 'a:1, b:2' }).MEMCACHED_SERVERS).toEqual(['a:1', 'b:2']);
  });

  it.each([
    ['PORT', 'x'],
    ['CACHE_ADMISSION_MIN_HITS', '0'],
    ['CACHE_ENABLED', 'yes'],
    ['ES_REQUEST_TIMEOUT_MS', '-1'],
    ['RATE_LIMIT_WINDOW_S', '0'],
    ['RATE_LIMIT_STORE', 'redis'],
    ['TRUST_PROXY_HOPS', '-1'],
    ['SUGGEST_MIN_CLIENTS', '0'],
    ['ADMIN_TOKEN', 'short'],
  ])('names the bad variable %s=%s', (name, value) => {
    try {
      loadConfig({ [name]: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variables).toContain(name);
    }
  });
});
