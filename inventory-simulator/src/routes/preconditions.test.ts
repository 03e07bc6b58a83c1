import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchAllows, ifNoneMatchMatches, parseEntityTags } from './preconditions';

describe('entity tags', () => {
  it('tags a version', () => expect(etagOf(17)).toBe('"17"'));

  it.each([
    ['*', { any: true }],
    ['"3"', { any: false, tags: [{ value: '3', weak: false }] }],
    ['W/"3", "4"', { any: false, tags: [{ value: '3', weak: true }, { value: '4', weak: false }] }],
  ])('parses %s', (header, parsed) => expect(parseEntityTags(header)).toEqual(parsed));

  it.each(['3', '"3', 'W/3', '', ' , ', '"a"b"', '"\u0000"'])('refuses %j', (header) => expect(parseEntityTags(header)).toBeUndefined());

  it.each<[string, number | undefined, boolean]>([
    ['"3"', 3, true],
    ['"2"', 3, false],
    ['"2", "3"', 3, true],
    ['W/"3"', 3, false],
    ['*', 3, true],
    ['*', undefined, false],
    ['"3"', undefined, false],
  ])('If-Match %s with current %s → %s', (header, current, allowed) => {
    const list = parseEntityTags(header);
    expect(list && ifMatchAllows(list, current)).toBe(allowed);
  });

  it.each<[string, number | undefined, boolean]>([
    ['"3"', 3, true],
    ['W/"3"', 3, true],
    ['"2"', 3, false],
    ['*', 3, true],
    ['*', undefined, false],
  ])('If-None-Match %s with current %s → %s', (header, current, matches) => {
    const list = parseEntityTags(header);
    expect(list && ifNoneMatchMatches(list, current)).toBe(matches);
  });
});
