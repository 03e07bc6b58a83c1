import { gunzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { AnswerBodies, prefersGzip } from './answer-bodies';

describe('prefersGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['*', true],
    ['GZIP', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['gzip;q=0.5, deflate', false],
    ['*;q=0', false],
    ['', false],
  ])('%s → %s', (header, expected) => {
    expect(prefersGzip(header)).toBe(expected);
  });

  it('no header → false', () => {
    expect(prefersGzip(undefined)).toBe(false);
  });

  // The header is client input: any text (up to Node's header limit) is an answer, never an exception.
  test.prop([fc.oneof(fc.string({ maxLength: 2000 }), fc.array(fc.constantFrom('gzip', 'deflate', '*', ';q=', '0.', '1', ',', ' ', '"', 'br')).map((a) => a.join('')))])(
    'any header gives a boolean, true only where gzip is named or wildcarded',
    (header) => {
      const result = prefersGzip(header);
      expect(typeof result).toBe('boolean');
      if (result) expect(header.toLowerCase()).toMatch(/gzip|\*/);
    },
  );
});

describe('AnswerBodies: gzip', () => {
  const text = (body: Buffer) => gunzipSync(body).toString('utf8');

  it('deflates a stored part once per key and splices the request’s texts around it', async () => {
    const answers = new AnswerBodies();
    expect(text(await answers.gzip(['{"a":1,', { key: 'key\n7\t1', text: '"rest":"first"}' }]))).toBe('{"a":1,"rest":"first"}');
    // Same key: the kept deflate answers, whatever text is passed (the key names the same computation).
    expect(text(await answers.gzip(['{"a":2,', { key: 'key\n7\t1', text: '"rest":"other"}' }]))).toBe('{"a":2,"rest":"first"}');
    expect(text(await answers.gzip(['{"a":3,', { key: 'key\n8\t2', text: '"rest":"second"}' }]))).toBe('{"a":3,"rest":"second"}');
    expect(text(await answers.gzip(['[', { key: 'a', text: '1' }, ',', { key: 'b', text: '2' }, ']']))).toBe('[1,2]');
  });

  it('a part without a key (no cache) is deflated for the request only', async () => {
    const answers = new AnswerBodies();
    expect(text(await answers.gzip(['{', { key: undefined, text: '"x":1}' }]))).toBe('{"x":1}');
    expect(text(await answers.gzip(['{', { key: undefined, text: '"x":2}' }]))).toBe('{"x":2}');
  });

  it('keeps at most its byte budget', async () => {
    const answers = new AnswerBodies({ gzipBytes: 1000, plainBytes: 1000 });
    await answers.gzip(['{', { key: 'a', text: '"v":1}' }]);
    for (let i = 0; i < 20; i++) await answers.gzip(['{', { key: `k${i}`, text: `"v":${i}}` }]);
    expect(text(await answers.gzip(['{', { key: 'a', text: '"v":"new"}' }]))).toBe('{"v":"new"}');
  });
});

describe('AnswerBodies: plain', () => {
  it('keeps a stored part\'s bytes once per key and puts the request\'s texts around them', () => {
    const answers = new AnswerBodies();
    expect(answers.plain(['{"q":"ä",', { key: 'key\n7\t1', text: '"rest":"€"}' }]).toString('utf8')).toBe('{"q":"ä","rest":"€"}');
    // Same key: the kept bytes answer, whatever text is passed (the key names the same computation).
    expect(answers.plain(['{"q":"b",', { key: 'key\n7\t1', text: '"rest":"other"}' }]).toString('utf8')).toBe('{"q":"b","rest":"€"}');
    expect(answers.plain(['[', { key: 'a', text: '1' }, ',', { key: 'b', text: '2' }, ']']).toString('utf8')).toBe('[1,2]');
  });

  it('a part without a key (no cache) is encoded for the request only', () => {
    const answers = new AnswerBodies();
    expect(answers.plain(['{', { key: undefined, text: '"x":1}' }]).toString('utf8')).toBe('{"x":1}');
    expect(answers.plain(['{', { key: undefined, text: '"x":2}' }]).toString('utf8')).toBe('{"x":2}');
  });

  it('keeps at most its byte budget', () => {
    const answers = new AnswerBodies({ gzipBytes: 1000, plainBytes: 1000 });
    answers.plain(['{', { key: 'a', text: '"v":1}' }]);
    for (let i = 0; i < 20; i++) answers.plain(['{', { key: `k${i}`, text: `"v":${i}}` }]);
    expect(answers.plain(['{', { key: 'a', text: '"v":"new"}' }]).toString('utf8')).toBe('{"v":"new"}');
  });
});
