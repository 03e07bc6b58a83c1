import { describe, expect, it } from 'vitest';
import { buildPopularPrefixRequest, buildTopQueriesRequest, mapTopQueries } from './top-queries';

const scope = { limit: 5, windowHours: 24, minClients: 3, excluded: [] as string[] };

describe('top queries', () => {
  it('lists queries of the window with at least minClients client-days, found or (no-results) not found', () => {
    const popular = JSON.stringify(buildTopQueriesRequest({ ...scope, noResults: false }));
    expect(popular).toContain('"min_doc_count":3');
    expect(popular).toContain('{"range":{"hits":{"gt":0}}}');
    expect(popular).toContain('now-24h');
    expect(JSON.stringify(buildTopQueriesRequest({ ...scope, noResults: true }))).toContain('{"term":{"hits":0}}');
  });

  it('leaves banned queries out in Elasticsearch, so the list stays full', () => {
    const body = buildTopQueriesRequest({ ...scope, excluded: ['cheap pills'], noResults: false });
    expect(body.query?.bool?.must_not).toEqual([{ terms: { query: ['cheap pills'] } }]);
    expect(buildTopQueriesRequest({ ...scope, noResults: false }).query?.bool?.must_not).toBeUndefined();
  });

  it('restricts autocomplete to found queries with the prefix', () => {
    const ac = JSON.stringify(buildPopularPrefixRequest({ ...scope, prefix: 'so' }));
    expect(ac).toContain('{"prefix":{"query":"so"}}');
    expect(ac).toContain('"gt":0');
  });

  it('maps buckets, and a missing index to an empty list', () => {
    expect(mapTopQueries({ aggregations: { top: { buckets: [{ key: 'tv', doc_count: 4 }] } } })).toEqual([{ query: 'tv', count: 4 }]);
    expect(mapTopQueries({ hits: { hits: [] } })).toEqual([]);
  });
});
