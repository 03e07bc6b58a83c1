import type { Socket } from 'node:net';
import memjs, { type ClientOptions, type ServerOptions } from 'memjs';
import { rendezvousIndex } from './cache-routing';

/** What `TurnCork` needs of a socket. */
export type Corkable = Pick<Socket, 'cork' | 'uncork'>;

/**
 * Keeps a socket corked for the rest of the current turn of the event loop: the first `hold` of a turn corks it and
 * schedules the uncork for the turn's check phase (`setImmediate`), so every write made meanwhile leaves in one
 * system call.
 */
export class TurnCork {
  private corked: Corkable | undefined;

  constructor(private readonly schedule: (fn: () => void) => void = setImmediate) {}

  hold(socket: Corkable): void {
    if (this.corked === socket) return;
    this.corked = socket;
    socket.cork();
    this.schedule(() => {
      if (this.corked === socket) this.corked = undefined;
      socket.uncork();
    });
  }
}

/**
 * A memjs server whose requests made in one turn of the event loop go to Memcached in one write. memjs writes each
 * request as it is made; over loopback every write is a system call that wakes Memcached, measured at ~18 µs of a
 * cache hit's CPU under 16 connections (about as much as the rest of the hit). The requests of one poll phase (the
 * HTTP requests that arrived together) now share one write and one wake-up. They leave at the end of that phase,
 * before any timer, so no request waits for a later turn; order on the connection is unchanged, so replies still
 * match requests. A reply chunk is also read without a copy when nothing was left over from the previous one (memjs
 * copies every chunk into a new zero-filled buffer).
 */
class TurnBatchingServer extends memjs.Server {
  declare responseBuffer: Buffer;
  private readonly turn = new TurnCork();

  override sock(sasl: boolean, go: (socket: Socket) => void): void {
    super.sock(sasl, (socket) => {
      this.turn.hold(socket);
      go(socket);
    });
  }

  override appendToBuffer(dataBuf: Buffer): Buffer {
    if (this.responseBuffer.length > 0) return super.appendToBuffer(dataBuf);
    this.responseBuffer = dataBuf;
    return dataBuf;
  }
}

/** A `host:port` of the contract's `MEMCACHED_SERVERS` as memjs' client of that one server. */
function clientOf(server: string, options: MemcachedClientOptions): memjs.Client {
  const colon = server.lastIndexOf(':');
  const host = colon > 0 ? server.slice(0, colon) : server;
  const port = colon > 0 ? Number(server.slice(colon + 1)) : 11211;
  const settings = { ...options, failover: false };
  return new memjs.Client([new TurnBatchingServer(host, port, undefined, undefined, settings)], settings);
}

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
  const clients = list.map((server) => clientOf(server, options));
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
