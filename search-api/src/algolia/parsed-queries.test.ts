import { describe, expect, it } from 'vitest';
import { batchKey, canonicalQuery } from './algolia-service';
import { indexSorts, parseAlgoliaQuery, type AlgoliaQuery } from './params';
import { PARSED_QUERY_LIMITS, ParsedQueries, queryBase } from './parsed-queries';

const sorts = indexSorts('products');
const ctx = { where: 'requests[0]', sorts };
/** What InstantSearch (algoliasearch v5) sends for a search box with a refinement list and insights on. */
const storefront = (userToken?: string, query = 'laptop') => ({
  indexName: 'products',
  query,
  facets: ['brand', 'categories.lvl0'],
  facetFilters: [['brand:Apple', 'brand:Dell']],
  numericFilters: ['price>=100'],
  page: 0,
  hitsPerPage: 20,
  clickAnalytics: true,
  ...(userToken === undefined ? {} : { userToken }),
});
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return `${(err as { status?: number }).status} ${(err as Error).message}`;
  }
  return 'accepted';
};

describe('ParsedQueries', () => {
  it('answers a request as the parser does, for every visitor: their own userToken, in the query and in the echo', () => {
    const memo = new ParsedQueries();
    for (const token of ['anonymous-1', 'bob', 'a b&c=d/é', '', 'x'.repeat(129)]) {
      const q = memo.parse(storefront(token), ctx);
      expect(q).toEqual(parseAlgoliaQuery(storefront(token), ctx));
      expect(new URLSearchParams(q.params).get('userToken')).toBe(token);
    }
    // v4's params string, and a token in it: the string is part of the key.
    const v4 = (t: string) => ({ indexName: 'products', params: `query=tv&userToken=${t}&hitsPerPage=5` });
    expect(memo.parse(v4('ann'), ctx)).toEqual(parseAlgoliaQuery(v4('ann'), ctx));
    expect(memo.parse(v4('ben'), ctx)).toEqual(parseAlgoliaQuery(v4('ben'), ctx));
    expect(memo.parse(storefront(), ctx)).toEqual(parseAlgoliaQuery(storefront(), ctx));
    const facet = { facetQuery: 'ap', userToken: 'cy' };
    expect(memo.parse(facet, { ...ctx, indexName: 'products', facet: 'brand' })).toEqual(parseAlgoliaQuery(facet, { ...ctx, indexName: 'products', facet: 'brand' }));
    // The route's index and facet are part of the key.
    for (const [indexName, facetName] of [['products', 'brand'], ['products_price_asc', 'brand'], ['products_price_asc', 'categories.lvl0']] as const) {
      const route = { ...ctx, indexName, facet: facetName };
      expect(memo.parse(facet, route)).toEqual(parseAlgoliaQuery(facet, route));
    }
  });

  it('parses a request once: every visitor’s query shares one frozen base, and so one cache key', () => {
    const memo = new ParsedQueries();
    const first = memo.parse(storefront('ann'), ctx);
    const second = memo.parse(storefront('ben'), ctx);
    expect(queryBase(second)).toBe(queryBase(first));
    expect(Object.isFrozen(queryBase(first)) && Object.isFrozen(queryBase(first).facets) && Object.isFrozen(queryBase(first).filter)).toBe(true);
    expect(memo.parse(storefront(), ctx)).toBe(memo.parse(storefront(), ctx));
    expect(batchKey([first], ['s'])).toBe(batchKey([second], ['s']));
    expect(memo.parse(storefront('ann', 'tv'), ctx)).not.toBe(first);
  });

  it('refuses a bad request or token every time, naming the parameter', () => {
    const memo = new ParsedQueries();
    for (let i = 0; i < 2; i++) {
      expect(refusal(() => memo.parse({ ...storefront(), userToken: 7 }, ctx))).toMatch(/^400 requests\[0\]\.userToken/);
      expect(refusal(() => memo.parse(storefront('x'.repeat(130)), ctx))).toMatch(/^400 requests\[0\]\.userToken/);
      expect(refusal(() => memo.parse({ ...storefront('ann'), hitsPerPage: -1 }, ctx))).toMatch(/^400 requests\[0\]\.hitsPerPage/);
    }
  });

  it('keeps no more request characters than its budget', () => {
    const memo = new ParsedQueries();
    const long = (i: number) => ({ indexName: 'products', query: `${i}`, attributesToRetrieve: Array.from({ length: 20 }, (_, k) => `a${k}${'x'.repeat(90)}`) });
    for (let i = 0; i < 6_000; i++) memo.parse(long(i), ctx);
    expect(memo.keptChars()).toBeLessThanOrEqual(PARSED_QUERY_LIMITS.charsBudget);
    expect(memo.keptChars()).toBeGreaterThan(PARSED_QUERY_LIMITS.charsBudget / 2);
  });
});

describe('batchKey', () => {
  it('is the JSON of each query’s canonical form with its merchandising suffix', () => {
    const queries: AlgoliaQuery[] = [parseAlgoliaQuery(storefront('ann'), ctx), parseAlgoliaQuery({ indexName: 'products_price_asc', query: ' TV ' }, ctx)];
    expect(batchKey(queries, ['s1', 's2'])).toBe(`algolia-stored:${JSON.stringify(queries.map((q, i) => [canonicalQuery(q), `s${i + 1}`]))}`);
  });
});
