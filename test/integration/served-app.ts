import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { algoliasearch } from 'algoliasearch';

/** What `serve` takes: a Hono app's `fetch` (the search API's or the inventory's). */
type FetchHandler = Parameters<typeof serve>[0]['fetch'];

export type ServedApp = { port: number; base: string; close: () => Promise<void> };

/** `fetch` served over HTTP on a free loopback port, for the real clients (which need a socket, not `app.request`). */
export async function serveApp(fetch: FetchHandler): Promise<ServedApp> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  const { port } = address satisfies AddressInfo;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export type AlgoliaClient = ReturnType<typeof algoliasearch>;

/**
 * The real, unmodified algoliasearch v5 client (what InstantSearch drives) against a served search API. `timeouts`
 * widens its defaults (connect 2 s, read 5 s, then "Unreachable hosts") for tests whose searches are slow on a loaded machine.
 */
export function algoliaClientFor(served: Pick<ServedApp, 'port'>, timeouts?: { connect: number; read: number; write: number }): AlgoliaClient {
  return algoliasearch('local-app', 'search-key', {
    hosts: [{ url: '127.0.0.1', port: served.port, protocol: 'http', accept: 'readWrite' }],
    ...(timeouts ? { timeouts } : {}),
  });
}
