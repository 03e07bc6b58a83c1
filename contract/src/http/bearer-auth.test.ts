import { Hono } from 'hono';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { bearerAuth } from './bearer-auth';
import { problemHandler } from './problem-handler';

const TOKEN = 'a-token-of-24-characters';
const env = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

function app(maxFailures = 3) {
  const registry = new Registry();
  const a = new Hono();
  a.onError(problemHandler(pino({ level: 'silent' })));
  a.use('*', bearerAuth(TOKEN, { maxFailures, failureWindowSeconds: 60, registry }));
  a.get('/', (c) => c.text('ok'));
  return { a, registry };
}

describe('bearerAuth', () => {
  it('accepts the token and refuses anything else with 401 and WWW-Authenticate', async () => {
    const { a } = app();
    expect((await a.request('/', bearer(TOKEN), env('203.0.113.1'))).status).toBe(200);
    const res = await a.request('/', bearer('wrong-token-wrong-token'), env('203.0.113.1'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect((await a.request('/', {}, env('203.0.113.1'))).status).toBe(401);
  });

  it('after maxFailures failures a client gets 429 with Retry-After, even with the right token; others are unaffected', async () => {
    const { a, registry } = app(3);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await a.request('/', bearer(`guess-number-${i}-xxxxxxx`), env('203.0.113.9'))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const locked = await a.request('/', bearer(TOKEN), env('203.0.113.9'));
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await a.request('/', bearer(TOKEN), env('203.0.113.10'))).status).toBe(200);
    const metrics = await registry.metrics();
    expect(metrics).toContain('admin_auth_rejections_total{reason="unauthorized"} 3');
    expect(metrics).toContain('admin_auth_rejections_total{reason="too_many_failures"} 3');
  });
});
