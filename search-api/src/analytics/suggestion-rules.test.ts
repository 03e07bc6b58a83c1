import { describe, expect, it } from 'vitest';
import { isSuggestible } from './suggestion-rules';

describe('isSuggestible', () => {
  it.each(['sony', 'wh-1000xm4', 'at&t phone', 'café crème', '55 inch tv', 'usb-c 2.0', 'ノートパソコン', 'o\'neill jacket', '1/2 inch'])(
    'accepts %s',
    (q) => expect(isSuggestible(q)).toBe(true),
  );

  it.each([
    ['markup', '<script>'],
    ['markup inside', 'tv <b>'],
    ['a quote', 'say "hi"'],
    ['control characters', 'tv\u001e\u001f'],
    ['a NUL', 'tv\u0000'],
    ['a bidi override', 'tv\u202e'],
    ['a zero-width space', 'tv\u200b'],
    ['an emoji', 'tv 📺'],
    ['one character', 'a'],
    ['leading punctuation', '-tv'],
    ['too many characters', 'x'.repeat(61)],
    ['too many terms', 'a1 b2 c3 d4 e5 f6 g7'],
  ])('refuses %s', (_why, q) => expect(isSuggestible(q)).toBe(false));

  it('takes its limits from the rules', () => {
    expect(isSuggestible('a b c', { maxChars: 60, maxTerms: 2 })).toBe(false);
    expect(isSuggestible('abcdef', { maxChars: 5, maxTerms: 6 })).toBe(false);
  });
});
