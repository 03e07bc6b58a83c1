import type { AutoscalingPolicies } from '../../deploy/render/policies';
import { triggerValue } from '../../deploy/render/policies';
import type { IndexerModel } from './indexer-model';
import { DESIGN, MEASURED } from './measured';
import type { SearchModel } from './search-model';
import type { Scenario } from './simulate';
import { rates, type DayProfile } from './traffic';

/** Assumptions that are not measurements; each is a flag of `npm run capacity`. */
export type Assumptions = {
  /** Share of searches answered from Memcached. */
  hitRatio: number;
  /** Seconds from a scale-up to a serving pod on a node with room (a new node adds ~1–2 min). */
  podStartSeconds: number;
};

/** The autoscaled deployment exactly as the manifests configure it, over the measured per-replica figures. */
export function autoscaled(policies: AutoscalingPolicies, a: Assumptions): Scenario {
  const { indexer, searchApi } = policies;
  const indexerModel: IndexerModel = {
    docsPerSecondPerReplica: MEASURED.indexerDocsPerSecond,
    elasticsearchBulkDocsPerSecond: MEASURED.elasticsearchBulkDocsPerSecondPerNode * DESIGN.elasticsearchDataNodes,
    min: indexer.minReplicaCount,
    max: indexer.maxReplicaCount,
    backlogTarget: triggerValue(indexer, 'SubscriptionSize'),
    ageTargetSeconds: triggerValue(indexer, 'OldestUnackedMessageAge'),
    behavior: indexer.advanced.horizontalPodAutoscalerConfig.behavior,
    // Cloud Monitoring samples subscription metrics every 60 s; a sample becomes visible up to 120 s later.
    metricSampleSeconds: 60,
    metricDelaySeconds: 120,
  };
  const searchModel: SearchModel = {
    cachedCpuSeconds: 1 / MEASURED.searchCachedRps,
    uncachedCpuSeconds: MEASURED.searchApiUncachedCpuMs / 1000,
    elasticsearchSearchesPerSecond: MEASURED.searchUncachedRps * DESIGN.elasticsearchDataNodes,
    hitRatio: a.hitRatio,
    cachedP50Ms: MEASURED.searchCachedP50Ms,
    uncachedP50Ms: MEASURED.searchUncachedP50Ms,
    timeoutMs: 2000,
    cpuPerReplica: 1,
    min: searchApi.minReplicas,
    max: searchApi.maxReplicas,
    targetUtilizationPercent: searchApi.metrics[0]?.resource.target.averageUtilization ?? 100,
    behavior: searchApi.behavior,
    metricLagSeconds: 30,
  };
  return { name: 'autoscaled', indexer: indexerModel, search: searchModel, podStartSeconds: a.podStartSeconds, pipelineSeconds: MEASURED.freshnessP50Ms / 1000 };
}

/** The same deployment at a fixed size (no autoscaler: min = max). */
export function fixed(base: Scenario, name: string, indexers: number, apiPods: number): Scenario {
  return { ...base, name, indexer: { ...base.indexer, min: indexers, max: indexers }, search: { ...base.search, min: apiPods, max: apiPods } };
}

/** Replicas that carry a load at the autoscaler's own targets: the size a fixed deployment needs for it. */
export function replicasFor(base: Scenario, load: { updates: number; searches: number }): { indexers: number; apiPods: number } {
  const s = base.search;
  const cpu = load.searches * (s.hitRatio * s.cachedCpuSeconds + (1 - s.hitRatio) * s.uncachedCpuSeconds);
  return {
    indexers: Math.max(base.indexer.min, Math.min(base.indexer.max, Math.ceil(load.updates / base.indexer.docsPerSecondPerReplica) + 1)),
    apiPods: Math.max(s.min, Math.ceil(cpu / (s.cpuPerReplica * (s.targetUtilizationPercent / 100)))),
  };
}

/** Highest rates of the profile with and without its bursts (sampled every minute). */
export function peaks(profile: DayProfile): { normal: { updates: number; searches: number }; burst: { updates: number; searches: number } } {
  const calm: DayProfile = { ...profile, updateBursts: [], searchBursts: [] };
  const max = (p: DayProfile) => {
    let updates = 0;
    let searches = 0;
    for (let t = 0; t < 86_400; t += 60) {
      const r = rates(p, t);
      updates = Math.max(updates, r.updates);
      searches = Math.max(searches, r.searches);
    }
    return { updates, searches };
  };
  return { normal: max(calm), burst: max(profile) };
}
