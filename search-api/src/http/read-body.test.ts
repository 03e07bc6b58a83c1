import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBodyText } from './read-body';

const MAX = 1000;
const app = new Hono();
app.post('/echo', async (c) => {
  const text = await readBodyText(c, MAX);
  return text === undefined ? c.json({ tooLarge: true }, 413) : c.json({ length: text.length, text: text.slice(0, 20) });
});

/** POST through a real socket; `chunks` sent one by one without a Content-Length (chunked) unless `length` is given. */
function post(port: number, chunks: string[], length?: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path: '/echo', method: 'POST', headers: length === undefined ? {} : { 'content-length': String(length) } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('readBodyText', () => {
  describe('on a Node server (the request stream itself)', () => {
    let server: ServerType;
    let port = 0;
    beforeAll(async () => {
      server = serve({ fetch: app.fetch, port: 0 });
      await new Promise((resolve) => server.once('listening', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('reads a body in chunks, multi-byte characters included', async () => {
      const res = await post(port, ['{"a":"é', 'ü"}']);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ length: 10, text: '{"a":"éü"}' });
    });

    it('refuses a declared length over the limit without reading it', async () => {
      const res = await post(port, ['x'.repeat(MAX + 1)], MAX + 1);
      expect(res.status).toBe(413);
    });

    it('stops reading a chunked body once it passes the limit, and still answers', async () => {
      const res = await post(port, Array.from({ length: 50 }, () => 'x'.repeat(100)));
      expect(res.status).toBe(413);
      // The server goes on serving.
      expect((await post(port, ['ok'])).status).toBe(200);
    });
  });

  it('in app.request() (a web Request): the same limit', async () => {
    expect((await app.request('/echo', { method: 'POST', body: 'x'.repeat(MAX) })).status).toBe(200);
    expect((await app.request('/echo', { method: 'POST', body: 'x'.repeat(MAX + 1) })).status).toBe(413);
    expect(await (await app.request('/echo', { method: 'POST' })).json()).toEqual({ length: 0, text: '' });
  });
});
