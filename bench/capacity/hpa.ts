import type { Behavior, ScalingRules } from '../../deploy/render/policies';

/**
 * The Horizontal Pod Autoscaler's replica calculation as Kubernetes documents it (and KEDA relies on): pure
 * functions over a recommendation and scale-event history, so the simulation and its tests share them.
 */

/** HPA ignores a usage ratio within 10 % of 1. */
export const TOLERANCE = 0.1;

/** `AverageValue` target of an external metric (KEDA's default): desired = ceil(total / target per pod). */
export function desiredForAverageValue(current: number, total: number, targetPerPod: number): number {
  const ratio = total / (targetPerPod * Math.max(current, 1));
  if (current > 0 && Math.abs(ratio - 1) <= TOLERANCE) return current;
  return Math.ceil(total / targetPerPod);
}

/** `Utilization` target of a resource: desired = ceil(ready × utilisation / target), within the tolerance. */
export function desiredForUtilization(current: number, ready: number, utilizationPercent: number, targetPercent: number): number {
  const ratio = utilizationPercent / targetPercent;
  if (Math.abs(ratio - 1) <= TOLERANCE) return current;
  return Math.ceil(Math.max(ready, 1) * ratio);
}

/** What the controller remembers between syncs. */
export type HpaMemory = {
  /** (time, recommendation) of past syncs, for the stabilisation windows. */
  recommendations: { at: number; replicas: number }[];
  /** (time, change) of past scale events, for the rate-limit policies. */
  events: { at: number; change: number }[];
};
export const emptyMemory = (): HpaMemory => ({ recommendations: [], events: [] });

/** Stabilisation: up takes the lowest, down the highest recommendation of its window (current one included). */
export function stabilize(memory: HpaMemory, now: number, current: number, recommendation: number, behavior: Behavior): number {
  const within = (seconds: number) => memory.recommendations.filter((r) => r.at > now - seconds).map((r) => r.replicas).concat(recommendation);
  const upCap = Math.min(...within(behavior.scaleUp.stabilizationWindowSeconds));
  const downFloor = Math.max(...within(behavior.scaleDown.stabilizationWindowSeconds));
  if (recommendation > current) return Math.max(current, upCap);
  if (recommendation < current) return Math.min(current, downFloor);
  return current;
}

function limitFor(rules: ScalingRules, memory: HpaMemory, now: number, current: number, direction: 'up' | 'down'): number {
  const limits = rules.policies.map((policy) => {
    const changed = memory.events.filter((e) => e.at > now - policy.periodSeconds && (direction === 'up' ? e.change > 0 : e.change < 0));
    const moved = changed.reduce((sum, e) => sum + Math.abs(e.change), 0);
    const periodStart = direction === 'up' ? current - moved : current + moved;
    if (direction === 'up') return policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100));
    // As the controller does: up rounds a percentage up (math.Ceil), down truncates (int32 conversion).
    return policy.type === 'Pods' ? periodStart - policy.value : Math.floor(periodStart * (1 - policy.value / 100));
  });
  // "Max" lets the largest change through: the highest limit going up, the lowest going down.
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = (rules.selectPolicy === 'Max') === (direction === 'up') ? Math.max : Math.min;
  return pick(...limits);
}

/** Rate limits of `behavior`, then the min/max bounds. */
export function limitScale(memory: HpaMemory, now: number, current: number, desired: number, behavior: Behavior, bounds: { min: number; max: number }): number {
  let next = desired;
  if (desired > current) next = Math.min(desired, Math.max(current, limitFor(behavior.scaleUp, memory, now, current, 'up')));
  if (desired < current) next = Math.max(desired, Math.min(current, limitFor(behavior.scaleDown, memory, now, current, 'down')));
  return Math.min(bounds.max, Math.max(bounds.min, next));
}

/** One HPA sync: from the metric-based recommendation to the new replica count, remembering both. */
export function hpaSync(memory: HpaMemory, now: number, current: number, recommendation: number, behavior: Behavior, bounds: { min: number; max: number }): { replicas: number; memory: HpaMemory } {
  const bounded = Math.min(bounds.max, Math.max(bounds.min, recommendation));
  const stabilized = stabilize(memory, now, current, bounded, behavior);
  const replicas = limitScale(memory, now, current, stabilized, behavior, bounds);
  const horizon = Math.max(behavior.scaleDown.stabilizationWindowSeconds, behavior.scaleUp.stabilizationWindowSeconds, ...behavior.scaleUp.policies.map((p) => p.periodSeconds), ...behavior.scaleDown.policies.map((p) => p.periodSeconds));
  const keep = <T extends { at: number }>(list: T[]) => list.filter((x) => x.at > now - horizon);
  return {
    replicas,
    memory: {
      recommendations: keep([...memory.recommendations, { at: now, replicas: bounded }]),
      events: keep(replicas === current ? memory.events : [...memory.events, { at: now, change: replicas - current }]),
    },
  };
}
