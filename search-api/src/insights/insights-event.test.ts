import { describe, expect, it } from 'vitest';
import { parseEvents } from './insights-routes';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const QID = 'a'.repeat(32);
const indexNames = new Set(['products', 'products_price_asc']);
const click = { eventType: 'click', eventName: 'Hit Clicked', index: 'products', userToken: 'anonymous-1b2c', queryID: QID, objectIDs: ['SKU-1', 'SKU-2'], positions: [1, 7] };
const parse = (events: unknown[]) => parseEvents({ events }, indexNames, NOW);

describe('insights events', () => {
  it('a click after a search, a conversion and a view, as search-insights sends them', () => {
    const stored = parse([
      click,
      { eventType: 'conversion', eventSubtype: 'purchase', eventName: 'Bought', index: 'products', userToken: 'u1', objectIDs: ['SKU-1'], objectData: [{ queryID: QID, price: 10 }], value: 10, currency: 'EUR' },
      { eventType: 'view', eventName: 'Filter Viewed', index: 'products_price_asc', userToken: 'u1', filters: ['brand%3ASony'], timestamp: NOW - 60_000 },
    ]);
    expect(stored).toEqual([
      { type: 'click', eventName: 'Hit Clicked', index: 'products', userToken: 'anonymous-1b2c', queryID: QID, objectIDs: ['SKU-1', 'SKU-2'], positions: [1, 7], at: '2026-12-01T12:00:00.000Z' },
      { type: 'conversion', subtype: 'purchase', eventName: 'Bought', index: 'products', userToken: 'u1', queryID: QID, objectIDs: ['SKU-1'], value: 10, currency: 'EUR', at: '2026-12-01T12:00:00.000Z' },
      { type: 'view', eventName: 'Filter Viewed', index: 'products_price_asc', userToken: 'u1', filters: ['brand:Sony'], at: '2026-12-01T11:59:00.000Z' },
    ]);
  });

  it('InstantSearch\'s own start-up telemetry is accepted and not stored', () => {
    expect(parse([{ eventType: 'instantsearch', eventName: '__start__', widgets: [] }, click])).toHaveLength(1);
  });

  it.each([
    [{ events: [] }, /events: an array of 1 to 1000/],
    [{ events: Array.from({ length: 1001 }, () => click) }, /events: an array of 1 to 1000/],
    [{ events: [{ ...click, eventType: 'like' }] }, /events\[0\]\.eventType/],
    [{ events: [click, { ...click, positions: undefined }] }, /events\[1\]\.positions: required for a click after a search/],
    [{ events: [{ ...click, positions: [1] }] }, /events\[0\]\.positions: one position per objectID/],
    [{ events: [{ ...click, queryID: 'x' }] }, /events\[0\]\.queryID: 32 hexadecimal/],
    [{ events: [{ ...click, userToken: 'has space' }] }, /events\[0\]\.userToken/],
    [{ events: [{ ...click, eventName: 'x'.repeat(65) }] }, /events\[0\]\.eventName/],
    [{ events: [{ ...click, objectIDs: Array.from({ length: 21 }, (_, i) => `S${i}`), positions: Array.from({ length: 21 }, () => 1) }] }, /objectIDs/],
    [{ events: [{ ...click, filters: ['a:b'] }] }, /exactly one of objectIDs or filters/],
    [{ events: [{ ...click, eventSubtype: 'purchase' }] }, /eventSubtype: only for conversion/],
    [{ events: [{ ...click, index: 'other' }] }, /events\[0\]\.index: Index other does not exist/],
    [{ events: [{ ...click, timestamp: NOW - 5 * 86_400_000 }] }, /events\[0\]\.timestamp: older than 4 days/],
    [{ events: [{ ...click, timestamp: NOW + 7_200_000 }] }, /events\[0\]\.timestamp: in the future/],
  ])('%# refused whole: %s', (body, message) => {
    expect(() => parseEvents(body, indexNames, NOW)).toThrow(message);
  });
});
