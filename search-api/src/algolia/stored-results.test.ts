import { describe, expect, it } from 'vitest';
import { AnswerBodies } from '../search/answer-bodies';
import { indexSorts, parseAlgoliaQuery } from './params';
import { AlgoliaResult, type AlgoliaFacetResult, type AlgoliaSearchResult } from './results';
import { readStoredResults, resultEcho, resultsParts, storedPart, storeResults } from './stored-results';

const sorts = indexSorts('products');
const search: AlgoliaSearchResult = {
  hits: [{ objectID: 'SKU-1', title: 'Line\u2028break "quoted"\n' }],
  nbHits: 41,
  page: 0,
  nbPages: 3,
  hitsPerPage: 20,
  facets: { brand: { Sony: 3 } },
  exhaustiveNbHits: true,
  exhaustiveFacetsCount: true,
  exhaustive: { nbHits: true, facetsCount: true, typo: true },
  query: 'tv',
  params: 'query=tv',
  index: 'products',
  processingTimeMS: 7,
  renderingContent: {},
};
const facet: AlgoliaFacetResult = { facetHits: [{ value: 'Sony', highlighted: '<em>So</em>ny', count: 3 }], exhaustiveFacetsCount: true, processingTimeMS: 3 };

describe('stored Algolia results', () => {
  it('a stored answer gives each request its own echo (query as sent, params, index, time, queryID) around the stored members', () => {
    const stored = readStoredResults(storeResults([search, facet]), 2);
    expect(stored?.nbHits).toEqual([41, -1]);
    if (!stored) return;
    const q = parseAlgoliaQuery({ indexName: 'products', params: 'query=TV&hitsPerPage=20' }, { where: '', sorts });
    expect([q.query, q.params]).toEqual(['TV', expect.stringContaining('query=TV')]);
    const results = [
      { echo: resultEcho(q, true, 2, 'abc'), stored: storedPart(stored, 0, 'v') },
      { echo: resultEcho(q, false, 2, undefined), stored: storedPart(stored, 1, 'v') },
    ];
    const json = JSON.parse(new AnswerBodies().plain(resultsParts(results)).toString('utf8')) as { results: unknown[] };
    expect(json.results.map((r) => AlgoliaResult.parse(r))).toEqual([
      { ...search, query: q.query, params: q.params, processingTimeMS: 2, queryID: 'abc' },
      { ...facet, processingTimeMS: 2 },
    ]);
    expect(results.map((r) => r.stored.key)).toEqual(['v#0', 'v#1']);
  });

  it.each([
    ['the older JSON array', JSON.stringify([search])],
    ['another count of results', storeResults([search, facet])],
    ['a counts line that is not integers', `["41"]\n{"a":1}`],
    ['an empty result', '[41]\n{}'],
    ['not an object', '[41]\n[1]'],
    ['empty', ''],
  ])('%s is not the stored form of one result', (_, value) => {
    expect(readStoredResults(value, 1)).toBeUndefined();
  });
});
