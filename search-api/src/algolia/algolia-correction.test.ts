import { describe, expect, it } from 'vitest';
import { queryAfterRemoval } from './algolia-correction';

describe('queryAfterRemoval', () => {
  it('the query with the removed words in <em>, escaped like a highlight', () => {
    expect(queryAfterRemoval('yoga mat xylophonx', ['xylophonx'])).toBe('yoga mat <em>xylophonx</em>');
    expect(queryAfterRemoval('mini <b> fridge', ['<b>'])).toBe('mini <em>&#60;b&#62;</em> fridge');
    expect(queryAfterRemoval('tv tv stand', ['tv'])).toBe('<em>tv</em> tv stand');
  });
});
