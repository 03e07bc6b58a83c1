import type { Behavior } from '../../deploy/render/policies';
import { desiredForAverageValue, emptyMemory, hpaSync, type HpaMemory } from './hpa';
import { resize, type Pods } from './pods';

/** The indexer tier: per-replica throughput, Elasticsearch's bulk ceiling and the KEDA policy (or a fixed size). */
export type IndexerModel = {
  docsPerSecondPerReplica: number;
  elasticsearchBulkDocsPerSecond: number;
  min: number;
  max: number;
  /** SubscriptionSize `value` (messages per replica) and OldestUnackedMessageAge `value` (seconds). */
  backlogTarget: number;
  ageTargetSeconds: number;
  behavior: Behavior;
  /** Cloud Monitoring: a subscription metric is sampled every `sampleSeconds` and visible `delaySeconds` later. */
  metricSampleSeconds: number;
  metricDelaySeconds: number;
};

/** Messages that arrived during the step starting at `at`, still waiting (FIFO, approximating Pub/Sub's order). */
export type Cohort = { at: number; count: number };

export type IndexerState = {
  pods: Pods;
  memory: HpaMemory;
  cohorts: Cohort[];
  /** Samples of (backlog, oldest age) as Cloud Monitoring would have recorded them. */
  monitoring: { at: number; backlog: number; ageSeconds: number }[];
};

export const initialIndexer = (m: IndexerModel): IndexerState => ({ pods: { desired: m.min, ready: m.min, starting: [] }, memory: emptyMemory(), cohorts: [], monitoring: [] });

export const backlogOf = (s: IndexerState): number => s.cohorts.reduce((sum, c) => sum + c.count, 0);
export const oldestAgeSeconds = (s: IndexerState, now: number): number => (s.cohorts[0] ? now - s.cohorts[0].at : 0);

/**
 * Take `amount` messages from the oldest cohorts during the step that starts at `now` (`dt` long); returns
 * what remains and (wait, count) of what left. A message waits from the middle of its arrival step to the
 * start of the step that serves it: 0 when served in the step it arrived in (resolution: one step).
 */
export function drain(cohorts: Cohort[], amount: number, now: number, dt: number): { cohorts: Cohort[]; served: { waitSeconds: number; count: number }[] } {
  const rest: Cohort[] = [];
  const served: { waitSeconds: number; count: number }[] = [];
  let left = amount;
  for (const c of cohorts) {
    const take = Math.min(c.count, left);
    left -= take;
    if (take > 0) served.push({ waitSeconds: Math.max(0, now - (c.at + dt / 2)), count: take });
    if (c.count - take > 0) rest.push({ at: c.at, count: c.count - take });
  }
  return { cohorts: rest, served };
}

/** What KEDA sees at `now`: the newest monitoring sample older than the visibility delay. */
export function visibleMetric(s: IndexerState, m: IndexerModel, now: number): { backlog: number; ageSeconds: number } {
  const visible = s.monitoring.filter((x) => x.at <= now - m.metricDelaySeconds).at(-1);
  return visible ?? { backlog: 0, ageSeconds: 0 };
}

/** KEDA's recommendation: the higher of its two triggers (both AverageValue). */
export function kedaRecommendation(s: IndexerState, m: IndexerModel, now: number): number {
  const seen = visibleMetric(s, m, now);
  const current = s.pods.desired;
  return Math.max(desiredForAverageValue(current, seen.backlog, m.backlogTarget), desiredForAverageValue(current, seen.ageSeconds, m.ageTargetSeconds));
}

/**
 * One step of `dt` seconds: arrivals join the backlog, ready replicas drain it (up to Elasticsearch's bulk
 * ceiling), Cloud Monitoring samples, and on a sync tick the HPA that KEDA drives resizes the Deployment.
 */
export function stepIndexer(
  s: IndexerState,
  m: IndexerModel,
  o: { now: number; dt: number; updatesPerSecond: number; sync: boolean; podStartSeconds: number },
): { state: IndexerState; processed: number; served: { waitSeconds: number; count: number }[] } {
  const joined = [...s.cohorts, { at: o.now, count: o.updatesPerSecond * o.dt }];
  const capacity = Math.min(s.pods.ready * m.docsPerSecondPerReplica, m.elasticsearchBulkDocsPerSecond) * o.dt;
  const { cohorts, served } = drain(joined, capacity, o.now, o.dt);
  let state: IndexerState = { ...s, cohorts: cohorts.filter((c) => c.count > 1e-9) };
  if (Math.floor((o.now + o.dt) / m.metricSampleSeconds) > Math.floor(o.now / m.metricSampleSeconds)) {
    const sample = { at: o.now + o.dt, backlog: backlogOf(state), ageSeconds: oldestAgeSeconds(state, o.now + o.dt) };
    state = { ...state, monitoring: [...state.monitoring.filter((x) => x.at > o.now - 3 * m.metricDelaySeconds - m.metricSampleSeconds), sample] };
  }
  if (o.sync) {
    const { replicas, memory } = hpaSync(state.memory, o.now, state.pods.desired, kedaRecommendation(state, m, o.now), m.behavior, { min: m.min, max: m.max });
    state = { ...state, memory, pods: resize(state.pods, replicas, o.now, o.podStartSeconds) };
  }
  const processed = served.reduce((sum, x) => sum + x.count, 0);
  return { state: { ...state, pods: resize(state.pods, state.pods.desired, o.now + o.dt, o.podStartSeconds) }, processed, served };
}
