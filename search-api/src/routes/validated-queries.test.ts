import { describe, expect, it } from 'vitest';
import { SearchParams } from '@catalog/contract';
import { queryStringOf, VALIDATED_QUERY_LIMITS, ValidatedQueries } from './validated-queries';

const params = (input: Record<string, unknown>) => SearchParams.parse(input);

describe('queryStringOf', () => {
  it('is what follows the first "?", or nothing', () => {
    expect(queryStringOf('http://localhost/v1/products/search?q=tv&brand=a?b')).toBe('q=tv&brand=a?b');
    expect(queryStringOf('http://localhost/v1/products/search')).toBe('');
    expect(queryStringOf('/v1/products/search?')).toBe('');
  });
});

describe('ValidatedQueries', () => {
  it('hands back what was kept for exactly that query string, frozen', () => {
    const memo = new ValidatedQueries();
    const kept = memo.remember('q=tv&brand=acme', params({ q: 'tv', brand: ['acme'], attr: { color: ['black'] } }));
    expect(memo.get('q=tv&brand=acme')).toBe(kept);
    expect(memo.get('q=tv&brand=acm')).toBeUndefined();
    expect(Object.isFrozen(kept) && Object.isFrozen(kept.brand) && Object.isFrozen(kept.attr.get('color'))).toBe(true);
    expect(() => (kept.brand as string[]).push('other')).toThrow(TypeError);
  });

  it('keeps no more query characters than its budget, dropping the least recently used', () => {
    const memo = new ValidatedQueries();
    const long = (i: number) => `q=${i}&${'x'.repeat(8_000)}`;
    const fit = Math.floor(VALIDATED_QUERY_LIMITS.charsBudget / (4 * long(0).length + 512));
    for (let i = 0; i <= fit; i++) memo.remember(long(i), params({ q: String(i) }));
    expect(memo.get(long(0))).toBeUndefined();
    expect(memo.get(long(fit))?.q).toBe(String(fit));
  });
});
