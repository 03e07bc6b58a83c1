import { describe, expect, it } from 'vitest';
import { elasticsearchAddress } from './elasticsearch';
import { firstMemcachedServer, memcachedAddress } from './memcached';
import { pubsubAddress } from './pubsub-emulator';
import { stackEnv } from './services';

describe('configured addresses', () => {
  it('default to the local stack', () => {
    expect(elasticsearchAddress({})).toEqual({ url: 'http://127.0.0.1:9200', host: '127.0.0.1', port: 9200 });
    expect(pubsubAddress({})).toEqual({ address: '127.0.0.1:8085', host: '127.0.0.1', port: 8085 });
    expect(memcachedAddress({})).toEqual({ address: '127.0.0.1:11211', host: '127.0.0.1', port: 11211 });
  });

  it('follow the env', () => {
    expect(elasticsearchAddress({ ELASTICSEARCH_URL: 'http://localhost:9250/' })).toEqual({ url: 'http://localhost:9250', host: 'localhost', port: 9250 });
    expect(elasticsearchAddress({ ELASTICSEARCH_URL: 'https://es.example.com' }).port).toBe(443);
    expect(elasticsearchAddress({ ELASTICSEARCH_URL: 'http://[::1]:9200' }).host).toBe('::1');
    expect(pubsubAddress({ PUBSUB_EMULATOR_HOST: 'pubsub-emulator:8086' }).port).toBe(8086);
    expect(() => elasticsearchAddress({ ELASTICSEARCH_URL: 'not a url' })).toThrow(/ELASTICSEARCH_URL/);
  });

  it('take the first memcached server', () => {
    expect(firstMemcachedServer('a:1,b:2')).toEqual({ host: 'a', port: 1 });
    expect(firstMemcachedServer(' , memcached ')).toEqual({ host: 'memcached', port: 11211 });
    expect(firstMemcachedServer('user:secret@cache:11311')).toEqual({ host: 'cache', port: 11311 });
    expect(() => firstMemcachedServer(' , ')).toThrow(/empty/);
  });
});

describe('stackEnv', () => {
  it('always names the emulator, so Pub/Sub clients never reach for real Google Cloud', () => {
    expect(stackEnv({ FOO: 'bar' })).toEqual({
      FOO: 'bar',
      ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
      PUBSUB_EMULATOR_HOST: '127.0.0.1:8085',
      MEMCACHED_SERVERS: '127.0.0.1:11211',
    });
  });

  it('keeps a configured server list whole', () => {
    expect(stackEnv({ MEMCACHED_SERVERS: 'a:1,b:2' }).MEMCACHED_SERVERS).toBe('a:1,b:2');
  });
});
