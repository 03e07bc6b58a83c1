import { describe, expect, it } from 'vitest';
import { correctionNotice } from './storefront-correction.js';

describe('storefront did-you-mean notice', () => {
  it('a corrected spelling: showing results for the correction, search instead for the words as typed', () => {
    expect(correctionNotice({ query: 'samsung tv', reason: 'spelling', originalTotal: 0 }, 'samsng tv')).toEqual([
      'Showing results for ',
      { strong: 'samsung tv' },
      '. Search instead for ',
      { link: 'samsng tv', exact: true },
      '.',
    ]);
  });

  it('dropped words are named', () => {
    const parts = correctionNotice({ query: 'fridge', reason: 'relaxed', droppedWords: ['mini'], originalTotal: 0 }, 'mini fridge');
    expect(parts?.[0]).toBe('No products match all of “mini fridge”. Showing results for ');
    expect(parts).toContainEqual(' (without “mini”)');
    expect(parts).toContainEqual({ link: 'mini fridge', exact: true });
  });

  it('when the words as typed found products, only a did-you-mean link; nothing without a correction', () => {
    expect(correctionNotice({ query: 'samsung tv', reason: 'spelling', originalTotal: 3 }, 'samsng tv')).toEqual([
      'Did you mean ',
      { link: 'samsung tv', exact: false },
      '?',
    ]);
    expect(correctionNotice(undefined, 'tv')).toBeUndefined();
  });
});
