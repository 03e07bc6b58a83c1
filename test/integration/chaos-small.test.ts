/**
 * A small `npm run chaos` on a private stack of its own (free ports, its own folder under .local/chaos): a few
 * thousand updates while the indexer is SIGKILLed once and Elasticsearch paused (SIGSTOP), then the index
 * must equal the inventory master with no valid update left in the dead-letter store.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos/run-chaos';
import { freePort, randomSuffix } from './helpers';

describe('chaos, small: the index converges to the master by itself', () => {
  it('after an indexer SIGKILL and an Elasticsearch pause: nothing lost, stale, wrong or resurrected, no valid dead letter', async () => {
    const report = await runChaos({
      name: `integration-${randomSuffix()}`,
      products: 300,
      updates: 2400,
      rate: 120,
      faults: [
        { kind: 'kill-indexer', at: 0.2, seconds: 1 },
        { kind: 'pause-elasticsearch', at: 0.5, seconds: 6 },
      ],
      convergeTimeoutMs: 90_000,
      ports: {
        elasticsearch: await freePort(),
        emulator: await freePort(),
        memcached: await freePort(),
      },
      esHeapMb: 512,
      removeWhenDone: true,
    });
    expect(report.updates.simulated).toBeGreaterThan(2000);
    expect(report.comparison.examples).toEqual([]);
    expect(report.comparison).toMatchObject({ lost: 0, stale: 0, wrong: 0, resurrected: 0, unexpected: 0 });
    expect(report.convergedAfterStreamMs).toBeDefined();
    expect(report.deadLetters.valid).toBe(0);
  }, 240_000);
});
