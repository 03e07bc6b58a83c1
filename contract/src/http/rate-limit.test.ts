import { Hono } from 'hono';
import { pino } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { clientKeyOf } from './client-address';
import { problemHandler } from './problem-handler';
import { rateLimit, type PointsLimiter } from './rate-limit';

const env = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

function app(limiter: PointsLimiter, extra: { errors?: unknown[]; rejected?: number[] } = {}) {
  const a = new Hono();
  a.onError(problemHandler(pino({ level: 'silent' })));
  a.use(
    '*',
    rateLimit({
      limiter,
      key: clientKeyOf(0),
      onRejected: () => extra.rejected?.push(1),
      onError: (err) => extra.errors?.push(err),
    }),
  );
  a.get('/', (c) => c.text('ok'));
  return a;
}

describe('rateLimit', () => {
  it('answers 429 problem+json with Retry-After once a client used its points, and counts clients apart', async () => {
    const rejected: number[] = [];
    const a = app(new RateLimiterMemory({ points: 3, duration: 60 }), { rejected });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await a.request('/', {}, env('203.0.113.1'))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await a.request('/', {}, env('203.0.113.1'));
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(rejected).toHaveLength(3);
    // Another client has its own budget.
    expect((await a.request('/', {}, env('203.0.113.2'))).status).toBe(200);
  });

  it('tells the client its budget in RateLimit headers', async () => {
    const res = await app(new RateLimiterMemory({ points: 10, duration: 5 })).request('/', {}, env('198.51.100.1'));
    expect(res.headers.get('ratelimit-limit')).toBe('10');
    expect(res.headers.get('ratelimit-remaining')).toBe('9');
    expect(res.headers.get('ratelimit-policy')).toBe('10;w=5');
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  });

  it('lets requests through when the limiter itself fails (fail open), and reports the failure', async () => {
    const errors: unknown[] = [];
    const broken: PointsLimiter = { points: 1, duration: 1, consume: async () => Promise.reject(new Error('memcached down')) };
    const a = app(broken, { errors });
    for (let i = 0; i < 3; i++) expect((await a.request('/', {}, env('203.0.113.1'))).status).toBe(200);
    expect(errors).toHaveLength(3);
  });
});
