import { z } from 'zod';
import type { KubeObject } from './kustomize';

const KeyRef = z.object({ name: z.string(), key: z.string() });
const EnvVar = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: KeyRef.optional(), configMapKeyRef: KeyRef.optional() }).optional(),
});
const HttpProbe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) }).loose();
const Container = z
  .object({
    name: z.string(),
    image: z.string(),
    args: z.array(z.string()).optional(),
    env: z.array(EnvVar).default([]),
    envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }).optional(), secretRef: z.object({ name: z.string() }).optional() })).default([]),
    ports: z.array(z.object({ name: z.string().optional(), containerPort: z.number() })).default([]),
    readinessProbe: z.unknown().optional(),
    livenessProbe: z.unknown().optional(),
    startupProbe: z.unknown().optional(),
    lifecycle: z.object({ preStop: z.object({ sleep: z.object({ seconds: z.number() }).optional() }).optional() }).optional(),
    securityContext: z
      .object({
        allowPrivilegeEscalation: z.boolean().optional(),
        readOnlyRootFilesystem: z.boolean().optional(),
        capabilities: z.object({ drop: z.array(z.string()).optional() }).optional(),
      })
      .optional(),
    resources: z
      .object({
        requests: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        limits: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      })
      .optional(),
    volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() })).default([]),
  })
  .loose();
export type Container = z.infer<typeof Container>;

const PodSpec = z
  .object({
    containers: z.array(Container).min(1),
    serviceAccountName: z.string().optional(),
    terminationGracePeriodSeconds: z.number().optional(),
    securityContext: z.object({ runAsNonRoot: z.boolean().optional(), runAsUser: z.number().optional(), runAsGroup: z.number().optional() }).loose().optional(),
    volumes: z
      .array(z.object({ name: z.string(), secret: z.object({ secretName: z.string() }).loose().optional() }).loose())
      .default([]),
  })
  .loose();
export type PodSpec = z.infer<typeof PodSpec>;

const WorkloadSpec = z
  .object({
    replicas: z.number().optional(),
    serviceName: z.string().optional(),
    template: z.object({ metadata: z.object({ labels: z.record(z.string(), z.string()) }), spec: PodSpec }),
  })
  .loose();

/** A Deployment, StatefulSet or Job with its pod labels and pod spec parsed. */
export type Workload = { kind: string; name: string; replicas: number | undefined; serviceName: string | undefined; podLabels: Record<string, string>; pod: PodSpec };

/** The workloads among rendered objects. */
export function workloads(objects: KubeObject[]): Workload[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
    .map((o) => {
      const spec = WorkloadSpec.parse(o.spec);
      return { kind: o.kind, name: o.metadata.name, replicas: spec.replicas, serviceName: spec.serviceName, podLabels: spec.template.metadata.labels, pod: spec.template.spec };
    });
}

/** The one workload of that kind and name. */
export function workload(objects: KubeObject[], kind: string, name: string): Workload {
  const found = workloads(objects).filter((w) => w.kind === kind && w.name === name);
  const [first] = found;
  if (!first || found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return first;
}

/** An HTTP probe's path and port, or undefined when the probe is not an httpGet. */
export const httpProbe = (probe: unknown): { path: string; port: string | number } | undefined => {
  const parsed = HttpProbe.safeParse(probe);
  return parsed.success ? parsed.data.httpGet : undefined;
};

/** ConfigMap data by name. */
function configMaps(objects: KubeObject[]): Map<string, Record<string, string>> {
  const Data = z.record(z.string(), z.string());
  return new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, Data.parse(o.data ?? {})]));
}

/**
 * The environment a container starts with: ConfigMap keys (envFrom, configMapKeyRef) and literal values;
 * a value from a Secret is `secretValue(name, key)` since the Secret is created outside the manifests.
 * Throws when a referenced ConfigMap or key does not exist.
 */
export function containerEnv(objects: KubeObject[], container: Container, secretValue: (name: string, key: string) => string): Record<string, string> {
  const maps = configMaps(objects);
  const env: Record<string, string> = {};
  for (const from of container.envFrom) {
    if (from.secretRef) throw new Error(`${container.name}: envFrom secretRef is not used by this project`);
    const data = from.configMapRef ? maps.get(from.configMapRef.name) : undefined;
    if (!data) throw new Error(`${container.name}: no ConfigMap ${from.configMapRef?.name}`);
    Object.assign(env, data);
  }
  for (const variable of container.env) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    if (secretKeyRef) env[variable.name] = secretValue(secretKeyRef.name, secretKeyRef.key);
    else if (configMapKeyRef) {
      const value = maps.get(configMapKeyRef.name)?.[configMapKeyRef.key];
      if (value === undefined) throw new Error(`${container.name}: no ${configMapKeyRef.name}/${configMapKeyRef.key}`);
      env[variable.name] = value;
    } else env[variable.name] = variable.value ?? '';
  }
  return env;
}

/** Names of the Secrets a pod reads (env and volumes). */
export function secretNames(pod: PodSpec): string[] {
  const fromEnv = pod.containers.flatMap((c) => c.env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])));
  const fromVolumes = pod.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []));
  return [...new Set([...fromEnv, ...fromVolumes])];
}
