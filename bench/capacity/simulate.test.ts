import { describe, expect, it } from 'vitest';
import type { Behavior } from '../../deploy/render/policies';
import { drain, initialIndexer, kedaRecommendation, stepIndexer, type IndexerModel, type IndexerState } from './indexer-model';
import { resize } from './pods';
import { serve, type SearchModel } from './search-model';
import { simulateDay, summarize, type Scenario } from './simulate';
import { burstFactor, rates, type DayProfile } from './traffic';

const behavior: Behavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
};
const indexer: IndexerModel = {
  docsPerSecondPerReplica: 1000,
  elasticsearchBulkDocsPerSecond: 5000,
  min: 1,
  max: 8,
  backlogTarget: 10_000,
  ageTargetSeconds: 60,
  behavior,
  metricSampleSeconds: 60,
  metricDelaySeconds: 120,
};
const search: SearchModel = {
  cachedCpuSeconds: 0.001,
  uncachedCpuSeconds: 0.001,
  elasticsearchSearchesPerSecond: 1000,
  hitRatio: 0.5,
  cachedP50Ms: 1,
  uncachedP50Ms: 10,
  timeoutMs: 2000,
  cpuPerReplica: 1,
  min: 1,
  max: 10,
  targetUtilizationPercent: 50,
  behavior,
  metricLagSeconds: 30,
};
const scenario: Scenario = { name: 'test', indexer, search, podStartSeconds: 30, pipelineSeconds: 0.1 };
const step = (s: IndexerState, now: number, updatesPerSecond: number, m = indexer) => stepIndexer(s, m, { now, dt: 5, updatesPerSecond, sync: now % 15 === 0, podStartSeconds: 30 });

describe('indexer step', () => {
  it('serves the oldest messages first and says how long they waited', () => {
    const { cohorts, served } = drain([{ at: 0, count: 10 }, { at: 5, count: 10 }, { at: 10, count: 10 }], 15, 20, 5);
    expect(served).toEqual([{ waitSeconds: 17.5, count: 10 }, { waitSeconds: 12.5, count: 5 }]);
    expect(cohorts).toEqual([{ at: 5, count: 5 }, { at: 10, count: 10 }]);
  });

  it('keeps no backlog below capacity, grows by the excess above it, and never beyond Elasticsearch', () => {
    expect(step(initialIndexer(indexer), 1, 900).state.cohorts).toEqual([]);
    expect(step(initialIndexer(indexer), 1, 1500).state.cohorts).toEqual([{ at: 1, count: 2500 }]);
    const many: IndexerState = { ...initialIndexer(indexer), pods: { desired: 8, ready: 8, starting: [] } };
    expect(step(many, 1, 20_000).processed).toBe(5000 * 5);
  });

  it('acts on what Cloud Monitoring shows: nothing before the delay, then the higher of backlog and age', () => {
    const s: IndexerState = { ...initialIndexer(indexer), monitoring: [{ at: 60, backlog: 50_000, ageSeconds: 400 }] };
    expect(kedaRecommendation(s, indexer, 170)).toBe(0);
    expect(kedaRecommendation(s, indexer, 180)).toBe(7);
  });
});

describe('pods', () => {
  it('serve only after their start time and leave starting ones first', () => {
    const up = resize({ desired: 2, ready: 2, starting: [] }, 4, 0, 30);
    expect(up).toEqual({ desired: 4, ready: 2, starting: [30, 30] });
    expect(resize(up, 4, 30, 30)).toEqual({ desired: 4, ready: 4, starting: [] });
    expect(resize(up, 3, 10, 30)).toEqual({ desired: 3, ready: 2, starting: [30] });
  });
});

describe('search', () => {
  it('gets slower as utilisation grows and refuses what exceeds capacity', () => {
    const light = serve(search, 10, 100);
    const busy = serve(search, 10, 8000);
    expect(light.latencyMs).toBeLessThan(busy.latencyMs);
    expect(light.shedShare).toBe(0);
    const overloaded = serve(search, 1, 3000);
    expect(overloaded.cpuPercent).toBe(100);
    expect(overloaded.latencyMs).toBe(2000);
    expect(overloaded.shedShare).toBeGreaterThan(0.6);
  });
});

describe('traffic', () => {
  it('ramps a burst in and out', () => {
    const bursts = [{ from: 100, to: 200, factor: 11 }];
    expect([99, 100, 130, 160, 200, 230, 260].map((t) => burstFactor(bursts, 60, t))).toEqual([1, 1, 6, 11, 11, 6, 1]);
  });
});

describe('simulateDay', () => {
  const profile: DayProfile = { updatesPerSecond: 500, searchesPerSecond: 100, swing: 0, peakHour: 0, rampSeconds: 0, updateBursts: [{ from: 1800, to: 2400, factor: 8 }], searchBursts: [] };

  it('scales the indexer out after the metric delay and back in after the window, draining the burst', () => {
    const r = simulateDay(scenario, profile, { seconds: 7200 });
    const at = (t: number) => r.samples.find((s) => s.t === t);
    expect(at(1800)?.indexers).toBe(1);
    const firstUp = r.samples.find((s) => s.indexersDesired > 1);
    // Sampled every 60 s, visible 120 s later, synced every 15 s.
    expect(firstUp?.t).toBeGreaterThanOrEqual(1800 + 120);
    expect(firstUp?.t).toBeLessThanOrEqual(1800 + 120 + 60 + 15);
    expect(at(3000)?.backlog).toBe(0);
    expect(at(7140)?.indexers).toBe(1);
    expect(rates(profile, 2000).updates).toBe(4000);
  });

  it('costs exactly its size when fixed, and leaves a larger backlog', () => {
    const fixedOne: Scenario = { ...scenario, name: 'fixed', indexer: { ...indexer, max: 1 }, search: { ...search, max: 1 } };
    const fixed = summarize(simulateDay(fixedOne, profile, { seconds: 7200 }));
    const auto = summarize(simulateDay(scenario, profile, { seconds: 7200 }));
    expect(fixed.indexerReplicaHours).toBeCloseTo(2, 5);
    expect(fixed.maxBacklog).toBeGreaterThan(auto.maxBacklog);
    expect(fixed.freshnessMaxSeconds).toBeGreaterThan(auto.freshnessMaxSeconds);
  });
});
