import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanSearchText, countSearchTerms } from './search-text';

describe('cleanSearchText', () => {
  it.each([
    ['\u001e\u001f', ''],
    ['a\u0000b', 'a b'],
    ['  tv\u007f ', 'tv'],
    ['sony\u0085wh', 'sony wh'],
    ['x\ud800y', 'x y'],
    ['\udfff', ''],
    ['😀 ok', '😀 ok'],
    ['Café\tcrème', 'Café crème'],
  ])('%j → %j', (raw, clean) => expect(cleanSearchText(raw)).toBe(clean));

  it('leaves no control character or unpaired surrogate in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const clean = cleanSearchText(s);
        expect(clean).not.toMatch(/[\p{Cc}\p{Cs}]/u);
        expect(clean).toBe(clean.trim());
      }),
    );
  });
});

describe('countSearchTerms', () => {
  it.each([
    ['', 0],
    ['sony wh-1000xm4', 3],
    ['  TV   ', 1],
    ['all cell phones with plans vzw iph unv handset', 9],
    ['電子レンジ', 3],
    ['ひらがな', 4],
    ['ＴＶ', 1],
    ['a-b-c-d', 4],
    ['3.5mm', 2],
    ['!!! ???', 0],
  ])('%j → %i', (text, n) => expect(countSearchTerms(text)).toBe(n));
});
