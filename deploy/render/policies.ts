import { z } from 'zod';
import type { KubeObject } from './kustomize';

const ScalingRules = z.object({
  stabilizationWindowSeconds: z.number().int().min(0),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).default('Max'),
  policies: z.array(z.object({ type: z.enum(['Percent', 'Pods']), value: z.number().int().min(1), periodSeconds: z.number().int().min(1) })).min(1),
});
const Behavior = z.object({ scaleUp: ScalingRules, scaleDown: ScalingRules });
/** One direction of an HPA `behavior` (both directions are required here: no implicit defaults). */
export type ScalingRules = z.infer<typeof ScalingRules>;
export type Behavior = z.infer<typeof Behavior>;

const ScaledObjectSpec = z.object({
  scaleTargetRef: z.object({ apiVersion: z.string().optional(), kind: z.string().optional(), name: z.string() }),
  pollingInterval: z.number().int().min(1),
  cooldownPeriod: z.number().int().min(0),
  minReplicaCount: z.number().int().min(0),
  maxReplicaCount: z.number().int().min(1),
  advanced: z.object({ horizontalPodAutoscalerConfig: z.object({ behavior: Behavior }) }),
  triggers: z.array(
    z.object({
      type: z.string(),
      name: z.string().optional(),
      metricType: z.enum(['AverageValue', 'Value']).default('AverageValue'),
      authenticationRef: z.object({ name: z.string() }).optional(),
      metadata: z.record(z.string(), z.string()),
    }),
  ),
});

const HpaSpec = z.object({
  scaleTargetRef: z.object({ apiVersion: z.string(), kind: z.string(), name: z.string() }),
  minReplicas: z.number().int().min(1),
  maxReplicas: z.number().int().min(1),
  metrics: z
    .array(z.object({ type: z.literal('Resource'), resource: z.object({ name: z.literal('cpu'), target: z.object({ type: z.literal('Utilization'), averageUtilization: z.number().int() }) }) }))
    .length(1),
  behavior: Behavior,
});

/** The KEDA policy of the indexer and the HPA of search-api, as the simulation and the tests read them. */
export type AutoscalingPolicies = {
  indexer: z.infer<typeof ScaledObjectSpec>;
  searchApi: z.infer<typeof HpaSpec>;
};

function one(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  const [first] = found;
  if (!first || found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return first;
}

/** Read the autoscaling policies out of rendered manifests (throws when they are missing or malformed). */
export function autoscalingPolicies(objects: KubeObject[]): AutoscalingPolicies {
  return {
    indexer: ScaledObjectSpec.parse(one(objects, 'ScaledObject', 'indexer').spec),
    searchApi: HpaSpec.parse(one(objects, 'HorizontalPodAutoscaler', 'search-api').spec),
  };
}

/** A trigger's numeric target by KEDA mode (`SubscriptionSize`, `OldestUnackedMessageAge`). */
export function triggerValue(policy: AutoscalingPolicies['indexer'], mode: string): number {
  const trigger = policy.triggers.find((t) => t.metadata.mode === mode);
  const value = Number(trigger?.metadata.value);
  if (!trigger || !Number.isFinite(value) || value <= 0) throw new Error(`no ${mode} trigger with a positive value`);
  return value;
}
