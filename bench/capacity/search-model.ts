import type { Behavior } from '../../deploy/render/policies';
import { desiredForUtilization, emptyMemory, hpaSync, type HpaMemory } from './hpa';
import { resize, type Pods } from './pods';

/** The search tier: CPU per request, Elasticsearch's search ceiling, latencies and the HPA (or a fixed size). */
export type SearchModel = {
  /** Core-seconds of one search-api thread per request: served from the cache, and the API's share of a miss. */
  cachedCpuSeconds: number;
  uncachedCpuSeconds: number;
  /** Misses per second Elasticsearch answers before it queues. */
  elasticsearchSearchesPerSecond: number;
  hitRatio: number;
  cachedP50Ms: number;
  uncachedP50Ms: number;
  /** Past this a request is a 503 (ES_REQUEST_TIMEOUT_MS). */
  timeoutMs: number;
  /** CPU request of a replica in cores: HPA utilisation is relative to it; a replica cannot use more. */
  cpuPerReplica: number;
  min: number;
  max: number;
  targetUtilizationPercent: number;
  behavior: Behavior;
  /** metrics-server's window: the HPA acts on CPU averaged this many seconds back. */
  metricLagSeconds: number;
};

export type SearchState = { pods: Pods; memory: HpaMemory; cpuHistory: { at: number; percent: number }[] };
export const initialSearch = (m: SearchModel): SearchState => ({ pods: { desired: m.min, ready: m.min, starting: [] }, memory: emptyMemory(), cpuHistory: [] });

/** What users see at a load, with `ready` replicas: CPU, Elasticsearch utilisation, latency and the share refused. */
export function serve(m: SearchModel, ready: number, searchesPerSecond: number): { cpuPercent: number; esUtilization: number; latencyMs: number; shedShare: number } {
  const cpuDemand = searchesPerSecond * (m.hitRatio * m.cachedCpuSeconds + (1 - m.hitRatio) * m.uncachedCpuSeconds);
  const cpuCapacity = Math.max(ready, 0) * m.cpuPerReplica;
  const apiUtilization = cpuCapacity > 0 ? cpuDemand / cpuCapacity : Infinity;
  const esUtilization = (searchesPerSecond * (1 - m.hitRatio)) / m.elasticsearchSearchesPerSecond;
  // Queueing estimate (M/M/1 per resource): a latency grows as 1 / (1 - utilisation); at 100 % it queues to the timeout.
  const wait = (p50: number, rho: number) => (rho >= 1 ? m.timeoutMs : Math.min(m.timeoutMs, p50 / (1 - rho)));
  const apiShed = apiUtilization > 1 ? 1 - 1 / apiUtilization : 0;
  const esShed = esUtilization > 1 ? 1 - 1 / esUtilization : 0;
  const shedShare = 1 - (1 - apiShed) * (1 - (1 - m.hitRatio) * esShed);
  const latencyMs = m.hitRatio * wait(m.cachedP50Ms, apiUtilization) + (1 - m.hitRatio) * wait(m.uncachedP50Ms, Math.max(apiUtilization, esUtilization));
  return { cpuPercent: Math.min(apiUtilization, 1) * 100, esUtilization, latencyMs, shedShare };
}

/** One step: serve the load, record CPU, and on a sync tick let the HPA resize on the CPU it can see. */
export function stepSearch(
  s: SearchState,
  m: SearchModel,
  o: { now: number; dt: number; searchesPerSecond: number; sync: boolean; podStartSeconds: number },
): { state: SearchState; served: ReturnType<typeof serve> } {
  const served = serve(m, s.pods.ready, o.searchesPerSecond);
  const cpuHistory = [...s.cpuHistory.filter((x) => x.at > o.now - 4 * m.metricLagSeconds), { at: o.now, percent: served.cpuPercent }];
  let state: SearchState = { ...s, cpuHistory };
  if (o.sync) {
    const seen = cpuHistory.filter((x) => x.at <= o.now - m.metricLagSeconds).at(-1)?.percent ?? served.cpuPercent;
    const recommendation = desiredForUtilization(s.pods.desired, s.pods.ready, seen, m.targetUtilizationPercent);
    const { replicas, memory } = hpaSync(s.memory, o.now, s.pods.desired, recommendation, m.behavior, { min: m.min, max: m.max });
    state = { ...state, memory, pods: resize(state.pods, replicas, o.now, o.podStartSeconds) };
  }
  return { state: { ...state, pods: resize(state.pods, state.pods.desired, o.now + o.dt, o.podStartSeconds) }, served };
}
