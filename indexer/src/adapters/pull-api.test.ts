import { describe, expect, it } from 'vitest';
import { PullResponseError, toPulledMessages } from './pull-api';

const received = (over: Record<string, unknown> = {}, message: Record<string, unknown> = {}) => ({
  ackId: 'ack-1',
  deliveryAttempt: 2,
  ...over,
  message: { messageId: 'm-1', data: new Uint8Array(Buffer.from('{"a":1}')), attributes: { productId: 'SKU-1' }, publishTime: { seconds: 1_767_225_600, nanos: 250_000_000 }, ...message },
});

describe('toPulledMessages', () => {
  it('reads ack id, message id, data, attributes, publish time and delivery attempt', () => {
    const [m] = toPulledMessages({ receivedMessages: [received()] });
    expect(m).toEqual({
      ackId: 'ack-1',
      id: 'm-1',
      data: Buffer.from('{"a":1}'),
      attributes: { productId: 'SKU-1' },
      publishTime: new Date('2026-01-01T00:00:00.250Z'),
      deliveryAttempt: 2,
    });
  });

  it.each([
    { why: 'a Long (object whose toString is the number)', seconds: { low: 0, high: 0, toString: (): string => '1767225600' } },
    { why: 'a string', seconds: '1767225600' },
  ])('reads publish time seconds given as $why', ({ seconds }) => {
    const [m] = toPulledMessages({ receivedMessages: [received({}, { publishTime: { seconds, nanos: 0 } })] });
    expect(m?.publishTime).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });

  it('takes base64 text as data and defaults what the transport left out', () => {
    const [m] = toPulledMessages({ receivedMessages: [received({ deliveryAttempt: null }, { data: Buffer.from('hi').toString('base64'), attributes: undefined, publishTime: null })] });
    expect(m).toMatchObject({ data: Buffer.from('hi'), attributes: {}, publishTime: new Date(0), deliveryAttempt: 0 });
    expect(toPulledMessages({})).toEqual([]);
    expect(toPulledMessages({ receivedMessages: null })).toEqual([]);
  });

  it.each([
    { why: 'not an object', response: 'nope', path: /response/ },
    { why: 'a list that is not one', response: { receivedMessages: {} }, path: /receivedMessages is not a list/ },
    { why: 'an empty ack id', response: { receivedMessages: [received({ ackId: '' })] }, path: /receivedMessages\[0\]\.ackId/ },
    { why: 'a fractional delivery attempt', response: { receivedMessages: [received({ deliveryAttempt: 1.5 })] }, path: /deliveryAttempt/ },
    { why: 'no message', response: { receivedMessages: [{ ackId: 'a' }] }, path: /\.message is not/ },
    { why: 'a numeric message id', response: { receivedMessages: [received({}, { messageId: 7 })] }, path: /messageId/ },
    { why: 'data that is neither bytes nor text', response: { receivedMessages: [received({}, { data: 5 })] }, path: /message\.data/ },
    { why: 'a non-string attribute', response: { receivedMessages: [received({}, { attributes: { version: 3 } })] }, path: /attributes\.version/ },
    { why: 'unreadable seconds', response: { receivedMessages: [received({}, { publishTime: { seconds: 'soon' } })] }, path: /publishTime\.seconds/ },
  ])('refuses a response with $why, naming the field', ({ response, path }) => {
    expect(() => toPulledMessages(response)).toThrow(PullResponseError);
    expect(() => toPulledMessages(response)).toThrow(path);
  });
});
