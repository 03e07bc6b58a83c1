import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import { ProductEvent } from '@catalog/contract';

/**
 * A TCP proxy in front of the Pub/Sub emulator that can be taken down and brought back on the same port:
 * to the publisher an outage looks exactly like an unreachable broker, and other test files that share the
 * emulator are not disturbed.
 */
export class FlakyProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly target: { host: string; port: number }, readonly port: number) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Refuse new connections and cut the open ones. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Emulator host and port from PUBSUB_EMULATOR_HOST (set by the global setup). */
export function emulatorTarget(): { host: string; port: number } {
  const [host = '127.0.0.1', port = '8085'] = (process.env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085').split(':');
  return { host, port: Number(port) };
}

/** Collects every event delivered on a fresh subscription of `topic` (acked at once). */
export async function collectEvents(pubsub: PubSub, topic: string, name: string) {
  const [subscription] = await pubsub.topic(topic).createSubscription(name, { ackDeadlineSeconds: 30 });
  const events: { event: ProductEvent; attributes: Record<string, string> }[] = [];
  subscription.on('message', (m: Message) => {
    events.push({ event: ProductEvent.parse(JSON.parse(m.data.toString('utf8'))), attributes: m.attributes });
    m.ack();
  });
  return {
    events,
    subscription: subscription as Subscription,
    async close() {
      await subscription.close();
      await subscription.delete().catch(() => undefined);
    },
  };
}
