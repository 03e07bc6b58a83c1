import memjs, { type ClientOptions, type ServerOptions } from 'memjs';
import { rendezvousIndex } from './cache-routing';

/** Per-process memjs settings, applied to the client of every server (`failover` is meaningless here). */
export type MemcachedClientOptions = Omit<ClientOptions & ServerOptions, 'failover' | 'failoverTime'>;

/** Memcached servers addressed by key: each key always goes to the server that rendezvous hashing picks. */
export type MemcachedPool = {
  /** `host:port` of every server, as given. */
  readonly servers: readonly string[];
  /** The client of the server that owns `key`. */
  clientFor(key: string): memjs.Client;
  /** Closes every client; calling it again does nothing. */
  close(): void;
};

/**
 * One memjs client per server, routed with `rendezvousIndex` instead of memjs's `hash % servers`, so
 * that every process routes a key to the same server whatever the order of its list, and a server
 * added or removed moves only its own keys. A failing server is not replaced by another: its keys fail
 * (callers treat that as a miss or a failed invalidation) rather than landing where others never look.
 */
export function createMemcachedPool(servers: readonly string[], options: MemcachedClientOptions = {}): MemcachedPool {
  const list = servers.map((s) => s.trim());
  if (list.length === 0 || list.some((s) => s === '')) throw new Error('createMemcachedPool: every server must be a non-empty host:port');
  const duplicate = list.find((s, i) => list.indexOf(s) !== i);
  if (duplicate !== undefined) throw new Error(`createMemcachedPool: server ${duplicate} is listed twice`);
  const clients = list.map((server) => memjs.Client.create(server, { ...options, failover: false }));
  let closed = false;
  return {
    servers: list,
    clientFor: (key) => {
      const client = clients[rendezvousIndex(key, list)];
      if (!client) throw new Error('createMemcachedPool: no client for key');
      return client;
    },
    close: () => {
      if (closed) return;
      closed = true;
      for (const client of clients) client.close();
    },
  };
}
