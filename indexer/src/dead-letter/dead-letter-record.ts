import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DL_ATTR } from './dead-letter-publisher';

/** Attributes Pub/Sub adds when its dead-letter policy forwards a message. */
export const PUBSUB_DL_ATTR = {
  deliveryCount: 'CloudPubSubDeadLetterSourceDeliveryCount',
  subscription: 'CloudPubSubDeadLetterSourceSubscription',
  project: 'CloudPubSubDeadLetterSourceSubscriptionProject',
  publishTime: 'CloudPubSubDeadLetterSourceTopicPublishTime',
} as const;

/** Reason recorded when Pub/Sub's policy (not the indexer) dead-lettered the message. */
export const MAX_ATTEMPTS_REASON = 'max delivery attempts exceeded';

/** One stored dead letter, as the admin API shows it. */
export const DeadLetterRecord = z.object({
  id: z.string(),
  receivedAt: z.string(),
  reason: z.string(),
  deliveryAttempts: z.number().int().nonnegative(),
  /** The original attributes (ours and Pub/Sub's dead-letter ones included, for inspection). */
  attributes: z.record(z.string(), z.string()),
  /** The original message body: UTF-8 text, or base64 when `dataEncoding` says so. */
  data: z.string(),
  dataEncoding: z.enum(['utf8', 'base64']),
  /** Who dead-lettered it: the indexer (permanent failure) or Pub/Sub's policy (attempts exhausted). */
  source: z.enum(['indexer', 'pubsub-policy']),
  deadLetterMessageId: z.string(),
});
export type DeadLetterRecord = z.infer<typeof DeadLetterRecord>;

/** The parts of a Pub/Sub message the store reads. */
export type DeadLetterMessage = { id: string; data: Buffer; attributes: Record<string, string> };

const isInternal = (name: string): boolean => name.startsWith('deadLetter') || name.startsWith('CloudPubSubDeadLetter');

/** Attributes to republish on replay: the original ones without any dead-letter bookkeeping. */
export function replayAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !isInternal(name)));
}

/** Original body: kept as text when it is valid UTF-8 (the usual case), else as base64 so replay is exact. */
export function encodeData(data: Buffer): Pick<DeadLetterRecord, 'data' | 'dataEncoding'> {
  const text = data.toString('utf8');
  return Buffer.from(text, 'utf8').equals(data) ? { data: text, dataEncoding: 'utf8' } : { data: data.toString('base64'), dataEncoding: 'base64' };
}

/** The bytes to republish. */
export const decodeData = (r: Pick<DeadLetterRecord, 'data' | 'dataEncoding'>): Buffer => Buffer.from(r.data, r.dataEncoding);

/** Dead-letter topic message → stored record. Pure. */
export function toDeadLetterRecord(message: DeadLetterMessage, receivedAt: Date): DeadLetterRecord {
  const a = message.attributes;
  const ours = a[DL_ATTR.reason] !== undefined;
  const attempts = Number(a[DL_ATTR.deliveryAttempts] ?? a[PUBSUB_DL_ATTR.deliveryCount] ?? 0);
  return {
    id: a[DL_ATTR.originalMessageId] || message.id,
    receivedAt: receivedAt.toISOString(),
    reason: ours ? (a[DL_ATTR.reason] ?? '') : MAX_ATTEMPTS_REASON,
    deliveryAttempts: Number.isFinite(attempts) ? Math.max(0, Math.trunc(attempts)) : 0,
    attributes: { ...a },
    ...encodeData(message.data),
    source: ours ? 'indexer' : 'pubsub-policy',
    deadLetterMessageId: message.id,
  };
}

/** Position in the newest-first list: the sort values of the last item shown. */
export type Cursor = [receivedAtMillis: number, id: string];

/** Ids of dead letters: Pub/Sub message ids are digits; a little wider so other stores' ids fit. */
export const DEAD_LETTER_ID = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'not a dead-letter id');

/** The latest instant a JavaScript Date (and an Elasticsearch `date` sort value here) can hold, in ms. */
const MAX_DATE_MS = 8.64e15;

/**
 * A check over the position, so that a cursor a client built by hand (`[0,"a"]`) is refused as not ours
 * instead of being sent to Elasticsearch. Not a secret: it tells typos and guesses apart, it does not authorise.
 */
const cursorCheck = ([millis, id]: Cursor): string => createHash('sha256').update(`dead-letter-cursor\n${millis}\n${id}`).digest('base64url').slice(0, 12);

/** Opaque cursor text (base64url JSON with a check); clients must not build it. */
export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([...c, cursorCheck(c)])).toString('base64url');

const CursorSchema = z.tuple([z.number().int().min(0).max(MAX_DATE_MS), DEAD_LETTER_ID, z.string()]);

/** Cursor text → position, or undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const [millis, id, check] = parsed.data;
    return check === cursorCheck([millis, id]) ? [millis, id] : undefined;
  } catch {
    return undefined;
  }
}
