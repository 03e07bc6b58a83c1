import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support';
import { createSearchRateLimiter } from './search-rate-limiter';

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('per-client rate limit of the public API', () => {
  const limited = (points: number) => testApp({ rateLimiter: createSearchRateLimiter({ points, windowSeconds: 60, alias: 'products-test' }).limiter });

  it('answers 429 problem+json with Retry-After once a client is over its limit, on every public route', async () => {
    const { app, registry } = limited(4);
    const paths = ['/v1/products/search?q=tv', '/v1/products/autocomplete?q=tv', '/v1/products/SKU-1', '/v1/searches/popular'];
    const statuses = [];
    for (const path of paths) statuses.push((await app.request(path, {}, from('203.0.113.5'))).status);
    expect(statuses).toEqual([200, 200, 404, 200]);
    for (const path of [...paths, '/v1/searches/no-results']) {
      const res = await app.request(path, {}, from('203.0.113.5'));
      expect(res.status, path).toBe(429);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
    }
    expect(await registry.metrics()).toContain('search_api_rate_limited_total 5');
  });

  it('counts clients apart, and IPv6 clients by their /64', async () => {
    const { app } = limited(1);
    expect((await app.request('/v1/products/search?q=a', {}, from('203.0.113.5'))).status).toBe(200);
    expect((await app.request('/v1/products/search?q=a', {}, from('203.0.113.6'))).status).toBe(200);
    expect((await app.request('/v1/products/search?q=a', {}, from('2001:db8:0:1::1'))).status).toBe(200);
    expect((await app.request('/v1/products/search?q=a', {}, from('2001:db8:0:1::2'))).status).toBe(429);
  });

  it('never limits health, readiness, metrics, docs or the storefront page', async () => {
    const { app } = limited(1);
    await app.request('/v1/products/search?q=a', {}, from('10.0.0.1'));
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/']) {
      expect((await app.request(path, {}, from('10.0.0.1'))).status, path).toBe(200);
    }
  });

  it('exposes the limit headers to browsers', async () => {
    const { app } = limited(5);
    const res = await app.request('/v1/products/search?q=a', { headers: { origin: 'https://shop.example' } }, from('10.0.0.1'));
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(res.headers.get('ratelimit-limit')).toBe('5');
  });
});
