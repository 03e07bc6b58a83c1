import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacter } from './field-rules';

/**
 * The definition the check stands for: Unicode's control characters (less tab and line breaks where allowed) and
 * unpaired surrogates, the latter looked for in the text as sent: removing a line break first would pair `\ud800\n\udfff`.
 */
const reference = (s: string, lineBreaksAllowed: boolean): boolean =>
  /\p{Cc}/u.test(lineBreaksAllowed ? s.replace(/[\t\n\r]/g, '') : s) || /\p{Cs}/u.test(s);

describe('hasForbiddenCharacter', () => {
  it('finds what /[\\p{Cc}\\p{Cs}]/u finds, with and without line breaks allowed, whatever the UTF-16', () => {
    const special = fc.constantFrom('\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '\ud800', '\udfff', '\ud83d\ude00', 'a');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(special, { maxLength: 8 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, fc.boolean(), (s, lineBreaksAllowed) => {
        expect(hasForbiddenCharacter(s, lineBreaksAllowed)).toBe(reference(s, lineBreaksAllowed));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells the boundaries apart', () => {
    expect(['\u001f', '\u007f', '\u009f', '\ud800', 'x\udc00'].map((s) => hasForbiddenCharacter(s))).toEqual([true, true, true, true, true]);
    expect(['\u0020', '\u007e', '\u00a0', '\ud83d\ude00', ''].map((s) => hasForbiddenCharacter(s))).toEqual([false, false, false, false, false]);
    expect([hasForbiddenCharacter('a\tb\r\n', true), hasForbiddenCharacter('a\tb', false), hasForbiddenCharacter('a\u000bb', true)]).toEqual([false, true, true]);
    // Two unpaired surrogates around a line break (the Unicode-mode check read them as a pair once the break was removed).
    expect(hasForbiddenCharacter('\ud800\n\udfff', true)).toBe(true);
  });
});
