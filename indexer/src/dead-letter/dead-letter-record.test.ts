import { describe, expect, it } from 'vitest';
import { DL_ATTR } from './dead-letter-publisher';
import { MAX_ATTEMPTS_REASON, decodeCursor, decodeData, encodeCursor, replayAttributes, toDeadLetterRecord } from './dead-letter-record';

const now = new Date('2026-01-03T00:00:00.000Z');

describe('toDeadLetterRecord', () => {
  it('keeps the reason, attempts and original id the indexer attached', () => {
    const record = toDeadLetterRecord(
      {
        id: '99',
        data: Buffer.from('{not json'),
        attributes: { type: 'product.upserted', [DL_ATTR.reason]: 'invalid JSON: x', [DL_ATTR.deliveryAttempts]: '1', [DL_ATTR.originalMessageId]: '7' },
      },
      now,
    );
    expect(record).toMatchObject({ id: '7', reason: 'invalid JSON: x', deliveryAttempts: 1, data: '{not json', dataEncoding: 'utf8', source: 'indexer', deadLetterMessageId: '99' });
    expect(record.receivedAt).toBe(now.toISOString());
  });

  it('names exhausted attempts when Pub/Sub’s dead-letter policy forwarded the message', () => {
    const record = toDeadLetterRecord(
      { id: '5', data: Buffer.from('{}'), attributes: { productId: 'SKU-1', CloudPubSubDeadLetterSourceDeliveryCount: '5' } },
      now,
    );
    expect(record).toMatchObject({ id: '5', reason: MAX_ATTEMPTS_REASON, deliveryAttempts: 5, source: 'pubsub-policy' });
  });

  it('stores bytes that are not UTF-8 as base64 and gives back the same bytes', () => {
    const data = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const record = toDeadLetterRecord({ id: '1', data, attributes: {} }, now);
    expect(record.dataEncoding).toBe('base64');
    expect(decodeData(record).equals(data)).toBe(true);
  });
});

describe('replayAttributes', () => {
  it('drops the dead-letter bookkeeping, ours and Pub/Sub’s', () => {
    expect(
      replayAttributes({ type: 't', version: '3', [DL_ATTR.reason]: 'r', [DL_ATTR.failedAt]: 'x', CloudPubSubDeadLetterSourceSubscription: 's' }),
    ).toEqual({ type: 't', version: '3' });
  });
});

describe('cursor', () => {
  it('round-trips', () => expect(decodeCursor(encodeCursor([1700000000000, '42']))).toEqual([1700000000000, '42']));
  it.each([
    'garbage',
    'WzAsImEiXQ', // [0,"a"]: the right shape, built by hand
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1e20,"1","x"]').toString('base64url'),
    Buffer.from('[-1,"1","x"]').toString('base64url'),
    Buffer.from(`[1,"${'9'.repeat(201)}","x"]`).toString('base64url'),
    encodeCursor([1700000000000, '42']).slice(0, -2),
  ])('rejects %s', (text) => expect(decodeCursor(text)).toBeUndefined());
});
