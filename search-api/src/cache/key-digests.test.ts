import { describe, expect, it } from 'vitest';
import { KeyDigests, keyDigest } from './key-digests';

describe('KeyDigests', () => {
  it('gives each canonical string its sha1 digest, the first time and on every repeat', () => {
    const digests = new KeyDigests();
    const texts = ['algolia-stored:[["tv",null]]', 'algolia-stored:[["tv","|syn:3"]]', '', 'é'.repeat(300)];
    for (let round = 0; round < 3; round += 1) expect(texts.map((t) => digests.of(t))).toEqual(texts.map(keyDigest));
    expect(keyDigest('stored|laptop')).toBe('nLRtu16zSDO-_L8oGQ6nSoY1xsw');
    expect(new Set(texts.map(keyDigest)).size).toBe(texts.length);
  });

  it('keeps no more characters than its budget, dropping the least recently used, and does not keep a string over it', () => {
    const digests = new KeyDigests({ entries: 100, charsBudget: 1_000 });
    for (let i = 0; i < 50; i += 1) digests.of(`${i}:`.padEnd(100, 'x'));
    expect(digests.keptChars()).toBeLessThanOrEqual(1_000);
    expect(digests.keptChars()).toBeGreaterThan(800);
    digests.of('y'.repeat(5_000));
    expect(digests.keptChars()).toBeLessThanOrEqual(1_000);
    expect(digests.of('y'.repeat(5_000))).toBe(keyDigest('y'.repeat(5_000)));
  });
});
