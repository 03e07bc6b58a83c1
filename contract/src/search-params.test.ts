import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AutocompleteParams, SEARCH_LIMITS as L, SearchParams, SearchQuery, toSearchParams } from './search-params';

/** Parse a query the way Hono's validator hands it over: one string per key, a list for a repeated key. */
function query(qs: string) {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(qs)) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  return SearchQuery.safeParse(Object.fromEntries([...grouped].map(([k, v]) => [k, v.length === 1 ? v[0] : v])));
}
const paths = (qs: string) => {
  const r = query(qs);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => String(i.path[0])))];
};
const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('&');

describe('SearchQuery: what a storefront sends', () => {
  it('gives the defaults for an empty query', () => {
    const r = query('');
    expect(r.success && toSearchParams(r.data)).toEqual({
      q: '', brand: [], category: [], sort: 'relevance', page: 1, per_page: 20, group: true, correct: true, attr: new Map(),
      price_min: undefined, price_max: undefined, rating_min: undefined, in_stock: undefined,
    });
  });

  it('takes one value or a list for repeatable keys, the last one for a repeated scalar', () => {
    const r = query('brand=Sony&brand=LG&category=A&attr.color=black&attr.color=red&attr.size=m&page=2&page=3&in_stock=true');
    expect(r.success).toBe(true);
    const p = r.success ? toSearchParams(r.data) : undefined;
    expect(p).toMatchObject({ brand: ['Sony', 'LG'], category: ['A'], page: 3, in_stock: true });
    expect(p?.attr).toEqual(new Map([['color', ['black', 'red']], ['size', ['m']]]));
  });

  it('accepts every limit exactly', () => {
    const qs = [
      `q=${encodeURIComponent(Array.from({ length: L.queryTerms }, (_, i) => `w${i}`).join(' '))}`,
      many(L.brandValues, (i) => `brand=${'b'.repeat(99)}${i % 10}`),
      many(L.categoryValues, (i) => `category=${encodeURIComponent(Array.from({ length: L.categoryDepth }, () => `${i}${'c'.repeat(99)}`).join(' > '))}`),
      many(L.attrNames, (i) => `attr.n${i}=${'v'.repeat(100)}`),
    ].join('&');
    expect(paths(qs)).toEqual([]);
    expect(paths(many(L.attrValues, (i) => `attr.color=v${i}`))).toEqual([]);
  });
});

describe('SearchQuery: over a limit → the parameter is named', () => {
  it.each([
    ['q', `q=${'x'.repeat(L.queryLength + 1)}`],
    ['q', `q=${encodeURIComponent(Array.from({ length: L.queryTerms + 1 }, (_, i) => `w${i}`).join(' '))}`],
    ['q', `q=${'a-'.repeat(40)}`],
    ['brand', many(L.brandValues + 1, (i) => `brand=b${i}`)],
    ['brand', `brand=${'b'.repeat(101)}`],
    ['brand', 'brand=%00'],
    ['brand', 'brand='],
    ['category', many(L.categoryValues + 1, (i) => `category=c${i}`)],
    ['category', `category=${encodeURIComponent(Array.from({ length: L.categoryDepth + 1 }, () => 'c').join(' > '))}`],
    ['category', `category=${encodeURIComponent(`a > ${'c'.repeat(101)}`)}`],
    ['category', `category=${encodeURIComponent('a >  > b')}`],
    ['category', 'category=a%1Fb'],
    ['attr.color', many(L.attrValues + 1, (i) => `attr.color=v${i}`)],
    ['attr.color', `attr.color=${'v'.repeat(101)}`],
    ['attr.color', 'attr.color=%1E'],
    [`attr.n${L.attrNames}`, many(L.attrNames + 1, (i) => `attr.n${i}=x`)],
    ['attr.n4', `${many(L.brandValues, (i) => `brand=b${i}`)}&${many(5 * 5, (i) => `attr.n${Math.floor(i / 5)}=v${i}`)}`],
    ['attr.Color', 'attr.Color=red'],
    ['attr.toString', 'attr.toString=x'],
    ['attr.hasOwnProperty', 'attr.hasOwnProperty=x'],
    ['attr.', 'attr.=red'],
    ['attr.{name}', 'attr.%7Bname%7D=red'],
    ['colour', 'colour=red'],
    ['page', 'page=101&per_page=100'],
    ['page', 'page=10001'],
    ['price_min', 'price_min=10&price_max=5'],
    ['per_page', 'per_page=101'],
  ])('%s for %s', (param, qs) => {
    expect(paths(qs)).toContain(param);
  });

  it('1,000 attribute names are one error per limit, on the first parameter past it, not 990', () => {
    const r = query(many(1000, (i) => `attr.n${i}=x`));
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual([`attr.n${L.attrNames}`, `attr.n${L.filterValues}`]);
  });
});

describe('SearchQuery: keys that are Object.prototype members are names like any other', () => {
  it.each(['__proto__', 'constructor', 'valueof', 'hasownproperty', 'tostring'])('attr.%s=x is a filter on that name', (name) => {
    const r = query(`attr.${name}=x&attr.${name}=y`);
    expect(r.success).toBe(true);
    const p = r.success ? toSearchParams(r.data) : undefined;
    expect(p?.attr.get(name)).toEqual(['x', 'y']);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString'])('a bare %s parameter is no filter and breaks nothing', (key) => {
    const r = query(`${key}=x`);
    if (r.success) expect(toSearchParams(r.data).attr.size).toBe(0);
    else expect(r.error.issues.map((i) => i.path[0])).toEqual([key]);
  });
});

describe('SearchQuery: control characters', () => {
  it('turns them into spaces in q and refuses them in filter values', () => {
    const r = query('q=%1E%1Fsony%00tv%7F');
    expect(r.success && r.data.q).toBe('sony tv');
    expect(paths('brand=So%1Fny')).toEqual(['brand']);
  });

  it('never throws and never lets a control character or unpaired surrogate through, whatever the strings', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('\u001e\u001f', '\u0000', '\ud800'));
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), text, (q, brand, value) => {
        const r = SearchParams.safeParse({ q, brand, category: brand, attr: { color: [value] } });
        if (!r.success) return;
        const all = [r.data.q, ...r.data.brand, ...r.data.category, ...[...r.data.attr.values()].flat()];
        for (const s of all) expect(s).not.toMatch(/[\p{Cc}\p{Cs}]/u);
      }),
    );
  });
});

describe('SearchParams: the same schema for callers holding an object', () => {
  it('takes attributes grouped under attr (object or Map) or as attr.<name> keys', () => {
    const expected = new Map([['color', ['black']]]);
    expect(SearchParams.parse({ attr: { color: ['black'] } }).attr).toEqual(expected);
    expect(SearchParams.parse({ attr: new Map([['color', ['black']]]) }).attr).toEqual(expected);
    expect(SearchParams.parse({ 'attr.color': 'black' }).attr).toEqual(expected);
    expect(SearchParams.parse(JSON.parse('{"attr":{"__proto__":["x"]}}')).attr).toEqual(new Map([['__proto__', ['x']]]));
  });

  it('applies the same limits', () => {
    expect(SearchParams.safeParse({ attr: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`n${i}`, ['x']])) }).success).toBe(false);
  });
});

describe('AutocompleteParams', () => {
  it.each([
    ['%1E%1F', ''],
    ['so%00ny', 'so ny'],
  ])('q=%s → %j', (raw, q) => expect(AutocompleteParams.parse({ q: decodeURIComponent(raw) }).q).toBe(q));

  it('bounds the words as search does', () => {
    expect(AutocompleteParams.safeParse({ q: 'a '.repeat(L.queryTerms + 1) }).success).toBe(false);
  });
});
