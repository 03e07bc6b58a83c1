import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipAnswers, prefersGzip } from './gzip-answers';

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
});

describe('GzipAnswers', () => {
  const text = (body: Buffer) => gunzipSync(body).toString('utf8');

  it('deflates a version’s rest once and splices each prefix in front of it', async () => {
    const answers = new GzipAnswers();
    expect(text(await answers.body('{"a":1,', '"rest":"first"}', 'key\n7\t1'))).toBe('{"a":1,"rest":"first"}');
    // Same version: the kept deflate answers, whatever rest is passed (it names the same computation).
    expect(text(await answers.body('{"a":2,', '"rest":"other"}', 'key\n7\t1'))).toBe('{"a":2,"rest":"first"}');
    expect(text(await answers.body('{"a":3,', '"rest":"second"}', 'key\n8\t2'))).toBe('{"a":3,"rest":"second"}');
  });

  it('without a version (no cache) deflates for the request only', async () => {
    const answers = new GzipAnswers();
    expect(text(await answers.body('{', '"x":1}', undefined))).toBe('{"x":1}');
    expect(text(await answers.body('{', '"x":2}', undefined))).toBe('{"x":2}');
  });

  it('keeps at most its byte budget', async () => {
    const answers = new GzipAnswers(1000);
    await answers.body('{', '"v":1}', 'a');
    for (let i = 0; i < 20; i++) await answers.body('{', `"v":${i}}`, `k${i}`);
    expect(text(await answers.body('{', '"v":"new"}', 'a'))).toBe('{"v":"new"}');
  });
});
