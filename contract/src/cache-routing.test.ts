import { describe, expect, it } from 'vitest';
import { hash32, rendezvousIndex } from './cache-routing';
import { productDetailKey } from './cache-keys';

const keys = Array.from({ length: 10_000 }, (_, i) => productDetailKey('products', `p-${i}`));
const pool = (n: number) => Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}:11211`);
const owners = (servers: readonly string[]) => keys.map((k) => servers[rendezvousIndex(k, servers)]);

describe('rendezvousIndex', () => {
  it('is deterministic and does not depend on the order of the servers', () => {
    const servers = pool(4);
    const reversed = [...servers].reverse();
    expect(owners(servers)).toEqual(owners(servers));
    expect(owners(reversed)).toEqual(owners(servers));
  });

  it('hashes with a fixed function, so that processes of different versions agree', () => {
    expect([hash32('a'), hash32('127.0.0.1:11211\ncs1:products:gen')]).toEqual([444641715, 2506547951]);
  });

  it('spreads 10 000 keys over 3 servers within ±10 % of even', () => {
    const servers = pool(3);
    const counts = new Map<string | undefined, number>();
    for (const owner of owners(servers)) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    expect(counts.size).toBe(3);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan((10_000 / 3) * 0.9);
      expect(count).toBeLessThan((10_000 / 3) * 1.1);
    }
  });

  it('removing one of 4 servers moves exactly the keys that were on it', () => {
    const four = pool(4);
    const removed = four[1];
    const three = four.filter((s) => s !== removed);
    const before = owners(four);
    const after = owners(three);
    keys.forEach((_, i) => {
      if (before[i] === removed) expect(after[i]).not.toBe(removed);
      else expect(after[i]).toBe(before[i]);
    });
  });

  it('adding a 5th server moves about 1/5 of the keys, all onto the new one', () => {
    const four = pool(4);
    const five = [...four, '10.0.0.99:11211'];
    const before = owners(four);
    const after = owners(five);
    const moved = keys.filter((_, i) => after[i] !== before[i]).length;
    keys.forEach((_, i) => {
      if (after[i] !== before[i]) expect(after[i]).toBe('10.0.0.99:11211');
    });
    expect(moved).toBeGreaterThan((10_000 / 5) * 0.9);
    expect(moved).toBeLessThan((10_000 / 5) * 1.1);
  });

  it('rejects an empty pool', () => {
    expect(() => rendezvousIndex('k', [])).toThrow(RangeError);
  });
});
