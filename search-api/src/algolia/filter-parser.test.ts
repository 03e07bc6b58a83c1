import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS, parseFilters } from './filter-parser';

describe('parseFilters', () => {
  it.each([
    ['brand:Sony', { type: 'facet', attribute: 'brand', value: 'Sony' }],
    ['categories.lvl1:"Electronics > Audio"', { type: 'facet', attribute: 'categories.lvl1', value: 'Electronics > Audio' }],
    ["'attributes.color':'Space Gray'", { type: 'facet', attribute: 'attributes.color', value: 'Space Gray' }],
    ['brand:"say \\"hi\\""', { type: 'facet', attribute: 'brand', value: 'say "hi"' }],
    ['price>=10.5', { type: 'numeric', attribute: 'price', op: '>=', value: 10.5 }],
    ['price < -1', { type: 'numeric', attribute: 'price', op: '<', value: -1 }],
    ['rating != 3', { type: 'numeric', attribute: 'rating', op: '!=', value: 3 }],
    ['price:10 TO 20', { type: 'range', attribute: 'price', from: 10, to: 20 }],
    ['inStock:true', { type: 'facet', attribute: 'inStock', value: 'true' }],
  ])('%s', (text, node) => {
    expect(parseFilters(text)).toEqual(node);
  });

  it('AND binds tighter than OR; NOT and parentheses nest', () => {
    expect(parseFilters('brand:A OR brand:B AND NOT (price>5 OR inStock:false)')).toEqual({
      type: 'or',
      children: [
        { type: 'facet', attribute: 'brand', value: 'A' },
        {
          type: 'and',
          children: [
            { type: 'facet', attribute: 'brand', value: 'B' },
            {
              type: 'not',
              child: {
                type: 'or',
                children: [
                  { type: 'numeric', attribute: 'price', op: '>', value: 5 },
                  { type: 'facet', attribute: 'inStock', value: 'false' },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it('empty text is no filter', () => {
    expect(parseFilters('   ')).toBeUndefined();
  });

  it.each([
    ['brand:Sony OR', /expected a condition at the end/],
    ['(brand:Sony', /expected "\)"/],
    ['brand:Sony brand:Bose', /unexpected input/],
    ['sale', /tag filters are not supported/],
    ['_tags:sale AND', /expected a condition/],
    ['price > cheap', /expected a number/],
    ['price:cheap TO 10', /expected a number before TO/],
    ['brand:"open', /unterminated string/],
    ['brand:Sony<score=2>', /filter scores/],
    ['price ! 3', /unexpected character/],
  ])('%s → 400', (text, message) => {
    expect(() => parseFilters(text)).toThrow(message);
    try {
      parseFilters(text);
    } catch (err) {
      expect(err).toMatchObject({ status: 400 });
    }
  });

  it('is bounded: length, conditions and depth', () => {
    expect(() => parseFilters('x'.repeat(FILTER_LIMITS.maxLength + 1))).toThrow(/longer than/);
    const many = Array.from({ length: FILTER_LIMITS.maxConditions + 1 }, (_, i) => `brand:b${i}`).join(' OR ');
    expect(() => parseFilters(many)).toThrow(`more than ${FILTER_LIMITS.maxConditions} conditions`);
    const deep = `${'('.repeat(FILTER_LIMITS.maxDepth + 2)}brand:x${')'.repeat(FILTER_LIMITS.maxDepth + 2)}`;
    expect(() => parseFilters(deep)).toThrow(/nested deeper/);
    const nots = `${'NOT '.repeat(FILTER_LIMITS.maxDepth + 2)}brand:x`;
    expect(() => parseFilters(nots)).toThrow(/nested deeper/);
  });
});
