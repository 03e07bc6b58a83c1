import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_MS, generationalTtlSeconds } from './cache-generation';

describe('generationalTtlSeconds', () => {
  const seenAt = 1_000_000;
  it.each([
    { why: 'a generation first seen just now is young: the entry lives at most 5 s', now: seenAt + 100, ttl: 5 },
    { why: 'still young just before 5 s', now: seenAt + YOUNG_GENERATION_MS - 1, ttl: 5 },
    { why: 'an older generation keeps the full TTL', now: seenAt + YOUNG_GENERATION_MS, ttl: 300 },
  ])('$why', ({ now, ttl }) => expect(generationalTtlSeconds(300, seenAt, now)).toBe(ttl));

  it('treats an unknown first sighting as young, and never lengthens a shorter TTL', () => {
    expect(generationalTtlSeconds(300, undefined, seenAt)).toBe(5);
    expect(generationalTtlSeconds(2, seenAt, seenAt)).toBe(2);
  });
});
