import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKustomization } from '../../deploy/render/kustomize';
import { autoscalingPolicies } from '../../deploy/render/policies';
import { indexerBacklogTarget, indexerMaxReplicas } from './measured';
import { autoscaled, fixed, peaks, replicasFor } from './scenarios';
import { blackFriday } from './traffic';

const policies = autoscalingPolicies(renderKustomization(join(resolve(import.meta.dirname, '../..'), 'deploy/overlays/external-es')));
const base = autoscaled(policies, { hitRatio: 0.8, podStartSeconds: 30 });

describe('scenarios', () => {
  it('simulate the policies of the rendered manifests, not a copy of them', () => {
    expect(base.indexer).toMatchObject({ min: policies.indexer.minReplicaCount, max: indexerMaxReplicas(), backlogTarget: indexerBacklogTarget(), ageTargetSeconds: 60 });
    expect(base.indexer.behavior).toEqual(policies.indexer.advanced.horizontalPodAutoscalerConfig.behavior);
    expect(base.search).toMatchObject({ min: policies.searchApi.minReplicas, max: policies.searchApi.maxReplicas, targetUtilizationPercent: 60 });
  });

  it('size a fixed deployment for a load at the autoscaler targets, within its bounds', () => {
    const profile = blackFriday({ updatesPerSecond: 300, searchesPerSecond: 300, updateBurst: 50, searchPeak: 20 });
    const { normal, burst } = peaks(profile);
    expect(normal.updates).toBeCloseTo(480, 0);
    expect(burst.updates).toBeCloseTo(300 * 1.58 * 50, -3); // the evening burst, on the daily curve near its top
    expect(replicasFor(base, normal)).toEqual({ indexers: 2, apiPods: 3 });
    expect(replicasFor(base, burst).indexers).toBe(base.indexer.max);
    const small = fixed(base, 'small', 2, 3);
    expect([small.indexer.min, small.indexer.max, small.search.min, small.search.max]).toEqual([2, 2, 3, 3]);
  });
});
