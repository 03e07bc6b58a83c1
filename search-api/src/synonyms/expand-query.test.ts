import { describe, expect, it } from 'vitest';
import { SynonymSetInput } from '@catalog/contract';
import { expandQuery, normalizeUnits } from './expand-query';

const sets = [
  SynonymSetInput.parse({ type: 'equivalent', terms: ['Mini Fridge', 'compact refrigerator', 'beverage cooler'] }),
  SynonymSetInput.parse({ type: 'one-way', from: ['ps5'], to: ['playstation 5'] }),
];

describe('normalizeUnits', () => {
  it.each([
    ['55 inch tv', '55" tv'],
    ['55in tv', '55" tv'],
    ['55-inch tv', '55" tv'],
    ['55" tv', '55" tv'],
    ["13.3'' laptop", '13.3" laptop'],
    ['256 GB iphone', '256gb iphone'],
    ['2 tb hard drive', '2tb hard drive'],
    ['1000 W microwave', '1000w microwave'],
    ['chair 250lbs', 'chair 250 lb'],
    ['hdmi 6 feet', 'hdmi 6 ft'],
  ])('%s → %s', (q, expected) => expect(normalizeUnits(q)).toBe(expected));

  it('leaves words that only look like units alone', () => {
    expect(normalizeUnits('in stock tv')).toBe('in stock tv');
    expect(normalizeUnits('iphone 15 in blue')).toBe('iphone 15" blue');
    expect(normalizeUnits('wine cooler')).toBe('wine cooler');
  });
});

describe('expandQuery', () => {
  it('an equivalent set gives every other term in place of the one typed, as whole words', () => {
    expect(expandQuery('mini fridge black', sets)).toEqual(['compact refrigerator black', 'beverage cooler black']);
    expect(expandQuery('black beverage cooler', sets)).toEqual(['black mini fridge', 'black compact refrigerator']);
    expect(expandQuery('minifridge', sets)).toEqual([]);
  });

  it('a one-way set only expands from its from-terms', () => {
    expect(expandQuery('ps5 controller', sets)).toEqual(['playstation 5 controller']);
    expect(expandQuery('playstation 5 controller', sets)).toEqual([]);
  });

  it('is bounded', () => {
    const many = [SynonymSetInput.parse({ type: 'equivalent', terms: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })];
    expect(expandQuery('a', many)).toHaveLength(4);
    expect(expandQuery('a', many, 2)).toEqual(['b', 'c']);
  });
});
