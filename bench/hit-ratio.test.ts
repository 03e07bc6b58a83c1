import { describe, expect, it } from 'vitest';
import { parseHitRatioPlan } from './hit-ratio';

describe('parseHitRatioPlan', () => {
  it('reads triples with the default connections and no refresh-ahead, and optional connections and budget', () => {
    expect(parseHitRatioPlan('50:3000:2000,0:0:0:64,50:4000:3000:128:40,50:3000:2000:64:0:300', 16)).toEqual([
      { updatesPerSecond: 50, staleMaxMs: 3000, refreshAfterMs: 2000, connections: 16, aheadPerSecond: 0, rate: 0 },
      { updatesPerSecond: 0, staleMaxMs: 0, refreshAfterMs: 0, connections: 64, aheadPerSecond: 0, rate: 0 },
      { updatesPerSecond: 50, staleMaxMs: 4000, refreshAfterMs: 3000, connections: 128, aheadPerSecond: 40, rate: 0 },
      { updatesPerSecond: 50, staleMaxMs: 3000, refreshAfterMs: 2000, connections: 64, aheadPerSecond: 0, rate: 300 },
    ]);
  });

  it.each(['50:3000', '50:3000:2000:16:40:1:2', '50:x:2000', '50:3000:2000:0', '-1:3000:2000', '50:3000:2000.5'])('refuses %s, naming it', (spec) => {
    expect(() => parseHitRatioPlan(spec, 16)).toThrow(spec);
  });
});
