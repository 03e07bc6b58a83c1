import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_SEPARATOR, SEARCH_LIMITS as L, SearchParams } from '@catalog/contract';
import { HttpProblem } from '@catalog/contract/http';
import { buildAutocompleteRequest } from '../autocomplete/build-autocomplete-request';
import { buildSearchRequest } from '../search/build-search-request';
import { boundedSearchBody, MAX_SEARCH_BODY_BYTES, requireComplete } from './request-bounds';

const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));
/** `n` characters of three UTF-8 bytes each: the most bytes a character allowed in a value can take. */
const wide = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((seed * 131 + i * 7) % 20_000))).join('');

describe('boundedSearchBody', () => {
  it('adds Elasticsearch’s own time limit', () => {
    expect(boundedSearchBody({ size: 1 }, 1500)).toEqual({ size: 1, timeout: '1500ms' });
  });

  it('refuses to send a body over the bound: a logged 500, the cause says why', () => {
    const huge = { query: { terms: { id: Array.from({ length: 100_000 }, (_, i) => `SKU-${i}`) } } };
    const err = (() => {
      try {
        boundedSearchBody(huge, 1500);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as HttpProblem).status).toBe(500);
    expect(String((err as HttpProblem).cause)).toMatch(/bytes is over/);
  });
});

describe('requireComplete', () => {
  it('passes a complete answer and turns a timed-out one into a 503', () => {
    expect(requireComplete({ timed_out: false, took: 3 })).toEqual({ timed_out: false, took: 3 });
    expect(() => requireComplete({ timed_out: true })).toThrow(expect.objectContaining({ status: 503 }));
  });
});

describe('the worst request the limits allow stays under the body bound', () => {
  const maxed = (seed: number) =>
    SearchParams.parse({
      q: wide(L.queryTerms, seed),
      brand: Array.from({ length: L.brandValues }, (_, i) => wide(100, seed + i)),
      category: Array.from({ length: L.categoryValues }, (_, i) =>
        Array.from({ length: L.categoryDepth }, (__, d) => wide(L.categoryNameLength, seed + i * 10 + d)).join(CATEGORY_SEPARATOR),
      ),
      // The 10 values left of the 50 (30 brands, 10 categories) on the longest names.
      attr: Object.fromEntries(Array.from({ length: L.attrNames }, (_, i) => [`${i}`.padEnd(40, 'x'), [wide(100, seed + 500 + i)]])),
      per_page: 100,
    });

  it('with every value at its longest in three-byte characters', () => {
    const size = bytes(buildSearchRequest(maxed(1)));
    expect(size).toBeLessThan(MAX_SEARCH_BODY_BYTES * 0.75);
  });

  it('whatever mix of parameters within the limits', () => {
    const value = (max: number) => fc.integer({ min: 1, max }).chain((n) => fc.constantFrom(wide(n), '"'.repeat(n), 'a'.repeat(n)));
    const name = fc.stringMatching(/^[a-z0-9_]{1,40}$/);
    const params = fc
      .record({
        brand: fc.array(value(100), { maxLength: L.brandValues }),
        category: fc.array(fc.array(value(L.categoryNameLength), { minLength: 1, maxLength: L.categoryDepth }).map((n) => n.join(CATEGORY_SEPARATOR)), { maxLength: L.categoryValues }),
        attr: fc.dictionary(name, fc.array(value(100), { minLength: 1, maxLength: L.attrValues }), { maxKeys: L.attrNames }),
      })
      .map((p) => SearchParams.safeParse({ ...p, q: wide(L.queryTerms), per_page: 100 }));
    fc.assert(
      fc.property(params, (parsed) => {
        if (parsed.success) expect(bytes(buildSearchRequest(parsed.data))).toBeLessThan(MAX_SEARCH_BODY_BYTES);
      }),
      { numRuns: 200 },
    );
  });

  it('autocomplete at its longest is small', () => {
    expect(bytes(buildAutocompleteRequest(wide(L.queryLength), 20))).toBeLessThan(16 * 1024);
  });
});
