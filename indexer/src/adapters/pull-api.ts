import type { PubSub } from '@google-cloud/pubsub';

/** One message as a unary Pull returned it. */
export type PulledMessage = {
  ackId: string;
  id: string;
  data: Buffer;
  attributes: Record<string, string>;
  publishTime: Date;
  /** 1 on the first delivery; 0 when the subscription has no dead-letter policy (Pub/Sub does not count then). */
  deliveryAttempt: number;
};

/**
 * The three Pub/Sub calls of a pulling consumer: the one choke point between the pull loop and the
 * broker, so that the loop's flow control and leasing are unit-tested against a fake.
 */
export type PullApi = {
  /** Up to `maxMessages` messages (maybe none), each leased for the subscription's ack deadline. */
  pull(maxMessages: number, timeoutMs: number): Promise<PulledMessage[]>;
  acknowledge(ackIds: readonly string[]): Promise<void>;
  /** Extend (or with 0 seconds give back) the leases of these messages. */
  modifyAckDeadline(ackIds: readonly string[], seconds: number): Promise<void>;
};

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;

/** A pull response that is not what the Pub/Sub API defines: a bug or a broken transport, never a message's fault. */
export class PullResponseError extends Error {}

function fail(path: string, expected: string): never {
  throw new PullResponseError(`pull response: ${path} is not ${expected}`);
}

/** protobuf Timestamp seconds arrive as number, string or Long (an object whose toString is the number) depending on the transport's options. */
function toSeconds(v: unknown, path: string): number {
  if (absent(v)) return 0;
  const seconds = typeof v === 'number' ? v : typeof v === 'string' || isObject(v) ? Number(String(v)) : NaN;
  return Number.isFinite(seconds) ? seconds : fail(path, 'a number of seconds');
}

function toBuffer(data: unknown, path: string): Buffer {
  if (absent(data)) return Buffer.alloc(0);
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return fail(path, 'bytes');
}

function toAttributes(v: unknown, path: string): Record<string, string> {
  if (absent(v)) return {};
  if (!isObject(v)) return fail(path, 'a map');
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(v)) attributes[key] = typeof value === 'string' ? value : fail(`${path}.${key}`, 'a string');
  return attributes;
}

/** A field of a decoded protobuf message (protobufjs may keep defaults on the prototype). */
const get = (o: object, key: string): unknown => Reflect.get(o, key);

function toPulledMessage(r: unknown, path: string): PulledMessage {
  if (!isObject(r)) return fail(path, 'a ReceivedMessage');
  const ackId = get(r, 'ackId');
  if (typeof ackId !== 'string' || ackId === '') return fail(`${path}.ackId`, 'a non-empty string');
  const attempt = get(r, 'deliveryAttempt');
  if (!absent(attempt) && !Number.isInteger(attempt)) return fail(`${path}.deliveryAttempt`, 'an integer');
  const message = get(r, 'message');
  if (!isObject(message)) return fail(`${path}.message`, 'a PubsubMessage');
  const messageId = get(message, 'messageId');
  if (typeof messageId !== 'string') return fail(`${path}.message.messageId`, 'a string');
  const publishTime = get(message, 'publishTime');
  if (!absent(publishTime) && !isObject(publishTime)) return fail(`${path}.message.publishTime`, 'a Timestamp');
  const seconds = publishTime ? toSeconds(get(publishTime, 'seconds'), `${path}.message.publishTime.seconds`) : 0;
  const nanos = publishTime ? get(publishTime, 'nanos') : undefined;
  if (!absent(nanos) && typeof nanos !== 'number') return fail(`${path}.message.publishTime.nanos`, 'a number');
  return {
    ackId,
    id: messageId,
    data: toBuffer(get(message, 'data'), `${path}.message.data`),
    attributes: toAttributes(get(message, 'attributes'), `${path}.message.attributes`),
    publishTime: new Date(seconds * 1000 + Math.floor((nanos ?? 0) / 1e6)),
    deliveryAttempt: typeof attempt === 'number' ? attempt : 0,
  };
}

/**
 * A raw pull response → messages. Pure; throws PullResponseError naming the field when the response is not a
 * PullResponse. Checked by hand rather than with a zod schema: it runs for every message the indexer receives,
 * and the schema cost ~3.7 µs a message (bench/indexer-profile.ts).
 */
export function toPulledMessages(response: unknown): PulledMessage[] {
  if (!isObject(response)) return fail('response', 'a PullResponse');
  const received = get(response, 'receivedMessages');
  if (absent(received)) return [];
  if (!Array.isArray(received)) return fail('receivedMessages', 'a list');
  return received.map((r: unknown, i) => toPulledMessage(r, `receivedMessages[${i}]`));
}

/**
 * Unary Pull/Acknowledge/ModifyAckDeadline on `subscription`, through the PubSub object's own
 * subscriber client (same endpoint, credentials and emulator settings). Unary Pull rather than the
 * library's streaming subscriber: a pull asks for exactly the messages there is room for, whereas the
 * streaming subscriber's flow control is only honoured by the server on Google Cloud; the local emulator
 * ignores it and streams the whole backlog into the client (measured: 152 000 messages buffered with
 * maxMessages 4 000).
 */
export function pubsubPullApi(pubsub: PubSub, subscriptionName: string): PullApi {
  const subscription = pubsub.subscription(subscriptionName).name;
  // Our loops retry with their own backoff; gax's built-in retries (up to 10 min) would hide an outage.
  const call = (method: string, reqOpts: object, timeoutMs: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      pubsub.request<unknown>({ client: 'SubscriberClient', method, reqOpts, gaxOpts: { timeout: timeoutMs, retry: null } }, (err, res) => {
        if (err) reject(err);
        else resolve(res);
      });
    });
  return {
    pull: async (maxMessages, timeoutMs) => toPulledMessages(await call('pull', { subscription, maxMessages }, timeoutMs)),
    acknowledge: async (ackIds) => {
      if (ackIds.length > 0) await call('acknowledge', { subscription, ackIds }, 30_000);
    },
    modifyAckDeadline: async (ackIds, seconds) => {
      if (ackIds.length > 0) await call('modifyAckDeadline', { subscription, ackIds, ackDeadlineSeconds: seconds }, 30_000);
    },
  };
}
