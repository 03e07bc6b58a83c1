import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { z } from 'zod';
import type { KubeObject } from './kustomize';

/** A kubernetes-models class: its type guard (apiVersion + kind) and the schema validation of an instance. */
type Model<T> = { is(value: unknown): value is T; new (data: T): { validate(): void } };

function byModel<T>(model: Model<T>): (value: unknown) => void {
  return (value) => {
    if (!model.is(value)) throw new Error('apiVersion/kind mismatch');
    new model(value).validate();
  };
}

/**
 * ECK's `Elasticsearch` has no kubernetes-models package: the fields this project sets, checked against the
 * documented shape of elasticsearch.k8s.elastic.co/v1 (unknown fields refused, so a typo fails too).
 */
const EckElasticsearch = z.object({
  apiVersion: z.literal('elasticsearch.k8s.elastic.co/v1'),
  kind: z.literal('Elasticsearch'),
  metadata: z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/) }).loose(),
  spec: z.strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    nodeSets: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          count: z.number().int().min(1),
          config: z.record(z.string(), z.unknown()).optional(),
          podTemplate: z.unknown().optional(),
          volumeClaimTemplates: z.array(z.unknown()).optional(),
        }),
      )
      .min(1),
  }),
});

/** Schema of every kind the manifests may contain, keyed by `apiVersion/kind`. */
const SCHEMAS: Record<string, (value: unknown) => void> = {
  'v1/ConfigMap': byModel(ConfigMap),
  'v1/Service': byModel(Service),
  'v1/ServiceAccount': byModel(ServiceAccount),
  'apps/v1/Deployment': byModel(Deployment),
  'apps/v1/StatefulSet': byModel(StatefulSet),
  'batch/v1/Job': byModel(Job),
  'autoscaling/v2/HorizontalPodAutoscaler': byModel(HorizontalPodAutoscaler),
  'policy/v1/PodDisruptionBudget': byModel(PodDisruptionBudget),
  'networking.k8s.io/v1/NetworkPolicy': byModel(NetworkPolicy),
  'keda.sh/v1alpha1/ScaledObject': byModel(ScaledObject),
  'keda.sh/v1alpha1/TriggerAuthentication': byModel(TriggerAuthentication),
  'elasticsearch.k8s.elastic.co/v1/Elasticsearch': (value) => void EckElasticsearch.parse(value),
};

/** Validate one object against its Kubernetes / KEDA / ECK schema; returns the problem, or undefined. */
export function schemaProblem(object: KubeObject): string | undefined {
  const check = SCHEMAS[`${object.apiVersion}/${object.kind}`];
  if (!check) return `no schema for ${object.apiVersion} ${object.kind}`;
  try {
    check(object);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
