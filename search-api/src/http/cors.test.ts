import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { describe, expect, it } from 'vitest';
import { corsHeaders } from './cors';

const app = (origins: string[]) => {
  const a = new Hono();
  a.use('*', corsHeaders({ origins, allowMethods: ['GET', 'POST'], exposeHeaders: ['X-Cache', 'X-Request-Id'], maxAge: 600 }));
  a.use('*', compress());
  a.get('/json', (c) => {
    c.header('X-Cache', 'HIT');
    return c.body(JSON.stringify({ text: 'x'.repeat(4000) }), 200, { 'content-type': 'application/json' });
  });
  a.get('/raw', () => new Response('raw', { headers: { 'content-type': 'text/plain' } }));
  a.get('/fail', () => {
    throw new Error('boom');
  });
  a.onError((_, c) => c.json({ error: 'boom' }, 500));
  return a;
};

describe('corsHeaders', () => {
  it('any origin: a GET carries Allow-Origin *, the exposed headers and Vary: Accept-Encoding, next to the handler’s own', async () => {
    const res = await app(['*']).request('/json', { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('X-Cache,X-Request-Id');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { text: string }).text).toHaveLength(4000);
  });

  it('listed origins: an allowed origin is echoed with Vary: Origin, another gets no Allow-Origin', async () => {
    const a = app(['https://shop.example']);
    const allowed = await a.request('/json', { headers: { origin: 'https://shop.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('vary')).toBe('Origin, Accept-Encoding');
    const other = await a.request('/json', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin, Accept-Encoding');
  });

  it('compress still gzips a large body for a client that accepts it, keeping one Vary', async () => {
    const res = await app(['*']).request('/json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('a response built without the prepared headers, and an error answer, still get them', async () => {
    const raw = await app(['*']).request('/raw');
    expect(raw.headers.get('access-control-allow-origin')).toBe('*');
    expect(await raw.text()).toBe('raw');
    const failed = await app(['*']).request('/fail');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a preflight with the allowed methods and max age', async () => {
    const res = await app(['*']).request('/json', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });
});
