import { describe, expect, it } from 'vitest';
import { SearchParams, SORTS } from '@catalog/contract';
import { correctionSuggest } from './correction';
import { buildSearchRequest } from './build-search-request';

// The variant (ungrouped, `group=false`) request, as it was before issue 17; grouped: grouped-search.test.ts.
const params = (input: Record<string, unknown>) => SearchParams.parse({ group: 'false', ...input });
const json = (x: unknown) => JSON.stringify(x);

describe('buildSearchRequest', () => {
  it('excludes tombstones in browse and in text search', () => {
    for (const q of ['', 'tv']) {
      const body = buildSearchRequest(params({ q }));
      expect(json(body.query)).toContain('"must_not":[{"term":{"deleted":true}}]');
    }
  });

  it('browses by popularity without a text query, highlight or function_score', () => {
    const body = buildSearchRequest(params({}));
    expect(body.query).toEqual({ bool: { must_not: [{ term: { deleted: true } }] } });
    expect(body.sort).toEqual([{ popularity: { order: 'desc', missing: '_last' } }, { id: 'asc' }]);
    expect(body.highlight).toBeUndefined();
  });

  it('ranks with function_score: words as typed, prefix on the last word only, exact title and model boosts', () => {
    const body = buildSearchRequest(params({ q: 'sony wh1000' }));
    const text = json(body.query);
    expect(text).toContain('"boost_mode":"multiply"');
    expect(text).not.toContain('fuzziness');
    expect(text.match(/title\.prefix/g)).toHaveLength(1);
    expect(text).toContain('{"term":{"title.sort":{"value":"sony wh1000","boost":20}}}');
    expect(text).toContain('"title.model"');
    expect(text).toContain('"modifier":"log1p"');
  });

  it('with typos: each word also fuzzy on title, brand and categories (never the description), first letter as typed', () => {
    const asTyped = buildSearchRequest(params({ q: 'sony wh1000' }));
    const body = buildSearchRequest(params({ q: 'sony wh1000' }), { typos: true });
    const fuzzy = JSON.stringify(body.query).match(/"multi_match":\{[^{}]*"fuzziness"[^{}]*\}/g) ?? [];
    expect(fuzzy).toHaveLength(2);
    for (const clause of fuzzy) {
      expect(clause).toContain('"fields":["title^4","brand^2","categories^2"]');
      expect(clause).toContain('"prefix_length":1');
    }
    // Everything else is the as-typed request (the same hits part, facets, sort and highlight) and a did-you-mean.
    expect({ ...body, query: undefined, suggest: undefined }).toEqual({ ...asTyped, query: undefined });
    expect(body.suggest).toEqual(correctionSuggest('sony wh1000'));
  });

  it('browse has nothing to forgive: the same request with or without typos', () => {
    expect(buildSearchRequest(params({}), { typos: true })).toEqual(buildSearchRequest(params({})));
  });

  it.each([
    [1, 1],
    [3, 3],
    [4, '3<-25%'],
  ])('%i words → minimum_should_match %s', (n, msm) => {
    const q = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const fs = buildSearchRequest(params({ q })).query?.function_score;
    expect(json(fs)).toContain(`"minimum_should_match":${json(msm)}`);
  });

  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, '3<-25%'],
  ])('typo pass: %i words → minimum_should_match %s (one of two or three may miss)', (n, msm) => {
    const q = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const fs = buildSearchRequest(params({ q }), { typos: true }).query?.function_score;
    expect(json(fs)).toContain(`"minimum_should_match":${json(msm)}`);
  });

  it.each([
    [1, 20, 0, 20],
    [3, 20, 40, 20],
    [100, 100, 9900, 100],
  ])('page %i × %i → from %i size %i', (page, per_page, from, size) => {
    expect(buildSearchRequest(params({ page, per_page }))).toMatchObject({ from, size, track_total_hits: true });
  });

  it.each(SORTS.map((s) => [s]))('sort %s ends with the id tiebreaker', (sort) => {
    const sorts = [buildSearchRequest(params({ q: 'x', sort })).sort].flat();
    expect(sorts.at(-1)).toEqual({ id: 'asc' });
  });

  it.each([
    ['price_asc', { price: 'asc' }],
    ['price_desc', { price: 'desc' }],
    ['rating_desc', { rating: 'desc' }],
    ['newest', { createdAt: 'desc' }],
    ['relevance', '_score'],
  ])('sort %s leads with %j', (sort, first) => {
    expect([buildSearchRequest(params({ q: 'x', sort })).sort].flat()[0]).toEqual(first);
  });

  it('puts filters in post_filter, not in the query, so facets can ignore their own', () => {
    const body = buildSearchRequest(
      params({ q: 'tv', brand: ['Sony', 'LG'], category: ['Electronics > TV'], price_min: 10, price_max: 500, rating_min: 4, in_stock: 'true', attr: { color: ['black'] } }),
    );
    expect(body.post_filter).toEqual({
      bool: {
        filter: [
          { terms: { 'brand.keyword': ['Sony', 'LG'] } },
          { terms: { categoryPaths: ['Electronics > TV'] } },
          { range: { price: { gte: 10, lte: 500 } } },
          { range: { rating: { gte: 4 } } },
          { term: { inStock: true } },
          { terms: { attributePairs: ['color=black'] } },
        ],
      },
    });
    expect(json(body.query)).not.toContain('brand.keyword');
  });

  it('has no post_filter without filters and highlights only with a text query', () => {
    const body = buildSearchRequest(params({ q: 'tv' }));
    expect(body.post_filter).toBeUndefined();
    expect(Object.keys(body.highlight?.fields ?? {})).toEqual(['title', 'description']);
  });
});
