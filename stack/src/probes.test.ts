import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet, portOpen, tcpExchange } from './probes';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0;
}

describe('probes', () => {
  it('exchanges a line over TCP like the memcached readiness check', async () => {
    const port = await listen(createServer((socket) => socket.on('data', () => socket.end('VERSION 1.6.18\r\n'))));
    expect(await tcpExchange('127.0.0.1', port, 'version\r\n')).toBe('VERSION 1.6.18\r\n');
    expect(await portOpen('127.0.0.1', port)).toBe(true);
  });

  it('reports closed ports and silent servers as undefined', async () => {
    const silent = await listen(createServer(() => undefined));
    expect(await tcpExchange('127.0.0.1', silent, 'version\r\n', 200)).toBeUndefined();
    const closed = await listen(createServer());
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await portOpen('127.0.0.1', closed)).toBe(false);
  });

  it('reads status and body over HTTP', async () => {
    const port = await listen(createHttpServer((_req, res) => res.end('Ok\n')));
    expect(await httpGet(`http://127.0.0.1:${port}/`)).toEqual({ status: 200, body: 'Ok\n' });
    expect(await httpGet('http://127.0.0.1:1/', 500)).toBeUndefined();
  });
});
