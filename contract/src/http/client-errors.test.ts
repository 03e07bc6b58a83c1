import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrorsAsProblems, MAX_HEADER_BYTES } from './client-errors';

const server = createServer((_req, res) => res.end('ok'));
answerClientErrorsAsProblems(server);
let port = 0;

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('answerClientErrorsAsProblems', () => {
  it('answers a URL over the header limit with a 431 problem naming the limit', async () => {
    const res = await get(`/v1/products/search?q=${'a'.repeat(MAX_HEADER_BYTES + 100)}`);
    expect(res.status).toBe(431);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, detail: expect.stringContaining(String(MAX_HEADER_BYTES)) });
  });

  it('leaves ordinary requests alone', async () => {
    expect(await get('/ok')).toMatchObject({ status: 200, body: 'ok' });
  });
});
