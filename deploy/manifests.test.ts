import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CommonEnv, loadConfig, topologyNames } from '@catalog/contract';
import { elasticsearchClientOptions } from '@catalog/contract/elasticsearch';
import { SHUTDOWN_HARD_TIMEOUT_MS } from '@catalog/contract/process';
import { MEASURED, indexerBacklogTarget, indexerMaxReplicas } from '../bench/capacity/measured';
import { createIndexerApp } from '../indexer/src/app';
import { IndexerConfig } from '../indexer/src/config';
import { makeApp } from '../inventory-simulator/src/app.test-helpers';
import { InventoryConfig } from '../inventory-simulator/src/config';
import { SearchApiEnv } from '../search-api/src/config';
import { testApp } from '../search-api/src/test-support';
import { IMAGES } from '../stack/src/containers';
import { entryFile } from './image/bundle';
import { effective, parseDockerfile } from './image/dockerfile';
import { TARGETS, type Target } from './image/targets';
import { renderKustomization, type KubeObject } from './render/kustomize';
import { ingressAllowed, selects, type Source } from './render/network-policy';
import { autoscalingPolicies, triggerValue } from './render/policies';
import { schemaProblem } from './render/validate';
import { containerEnv, httpProbe, secretNames, workload, workloads, type Workload } from './render/workloads';

const root = resolve(import.meta.dirname, '..');
const OVERLAYS = ['external-es', 'eck'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, renderKustomization(join(root, 'deploy/overlays', o))])) as Record<(typeof OVERLAYS)[number], KubeObject[]>;

/** Our processes in the manifests: workload → config schema, Dockerfile target, whether it talks to Elasticsearch. */
const PROCESSES: { kind: string; name: string; schema: z.ZodObject; target: Target; elasticsearch: boolean }[] = [
  { kind: 'Deployment', name: 'search-api', schema: SearchApiEnv, target: 'search-api', elasticsearch: true },
  { kind: 'Deployment', name: 'indexer', schema: IndexerConfig, target: 'indexer', elasticsearch: true },
  { kind: 'StatefulSet', name: 'inventory-simulator', schema: InventoryConfig, target: 'inventory-simulator', elasticsearch: false },
  { kind: 'Job', name: 'catalog-setup', schema: CommonEnv, target: 'tools', elasticsearch: true },
];
const SERVING = PROCESSES.filter((p) => p.kind !== 'Job');

/** Secrets created outside the manifests: by the operator (README commands) or by ECK for the cluster `catalog`. */
const EXTERNAL_SECRETS: Record<string, 'README' | 'ECK'> = {
  'catalog-admin': 'README',
  'catalog-elasticsearch': 'README',
  'catalog-es-elastic-user': 'ECK',
  'catalog-es-http-certs-public': 'ECK',
};
const secretValue = (name: string, key: string) => `secret-${name}-${key}-0123456789`;

const dockerUser = (effective(parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8')), 'runtime', 'USER')?.args[0] ?? '').split(':').map(Number);

/** The route a probe names, as the process's own HTTP app answers it (no network, no dependencies). */
async function answer(process: string, path: string): Promise<number> {
  if (process === 'search-api') return (await testApp().app.request(path)).status;
  if (process === 'indexer') {
    const app = createIndexerApp({ log: pino({ level: 'silent' }), registry: new Registry(), adminToken: 'x'.repeat(20), checks: {}, isAccepting: () => true });
    return (await app.request(path)).status;
  }
  return (await makeApp().app.request(path)).status;
}

describe.each(OVERLAYS)('deploy/overlays/%s', (overlay) => {
  const objects = rendered[overlay];
  const process = (name: string): Workload => {
    const spec = PROCESSES.find((p) => p.name === name);
    if (!spec) throw new Error(name);
    return workload(objects, spec.kind, spec.name);
  };

  it('renders objects that each pass their Kubernetes, KEDA or ECK schema, in one namespace', () => {
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.map((o) => [o.kind, o.metadata.name, schemaProblem(o)]).filter(([, , p]) => p !== undefined)).toEqual([]);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set(['catalog']));
    const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it.each(PROCESSES.map((p) => [p.name, p] as const))('%s: image, user and every env name come from its Dockerfile target and config schema', (_, spec) => {
    const { pod } = process(spec.name);
    const [container] = pod.containers;
    expect(container?.image).toMatch(new RegExp(`/catalog/${spec.target}:\\d+\\.\\d+\\.\\d+$`));
    if (spec.kind === 'Job') expect(container?.args).toEqual([entryFile(TARGETS[spec.target].entry)]);
    expect([pod.securityContext?.runAsUser, pod.securityContext?.runAsGroup]).toEqual(dockerUser);
    if (!container) throw new Error('no container');
    const env = containerEnv(objects, container, secretValue);
    expect(Object.keys(env).filter((name) => !(name in spec.schema.shape))).toEqual([]);
    // The environment is valid for the process: it would start, and its Elasticsearch credentials combine.
    loadConfig(spec.schema, env);
    if (spec.elasticsearch) {
      const options = elasticsearchClientOptions(loadConfig(CommonEnv, env), { requestTimeoutMs: 1000 }, () => '-----BEGIN CERTIFICATE-----\n');
      expect(options.auth).toBeDefined();
    }
  });

  it.each(SERVING.map((p) => [p.name, p] as const))('%s: listens where its config says and probes routes its app serves', async (_, spec) => {
    const { pod } = process(spec.name);
    const [container] = pod.containers;
    if (!container) throw new Error('no container');
    const config = loadConfig(spec.schema, containerEnv(objects, container, secretValue));
    expect(container.ports).toEqual([{ name: 'http', containerPort: config.PORT }]);
    const probes = { startup: container.startupProbe, liveness: container.livenessProbe, readiness: container.readinessProbe };
    expect(Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, httpProbe(p)]))).toEqual({
      startup: { path: '/healthz', port: 'http' },
      liveness: { path: '/healthz', port: 'http' },
      readiness: { path: '/readyz', port: 'http' },
    });
    expect(await answer(spec.name, '/healthz')).toBe(200);
    expect(await answer(spec.name, '/readyz')).toBe(200);
  });

  it.each(workloads(objects).map((w) => [w.kind, w.name, w] as const))('%s %s: non-root, read-only, no privilege escalation, requests and limits', (_, __, w) => {
    expect(w.pod.securityContext?.runAsNonRoot).toBe(true);
    expect(w.pod.securityContext?.runAsUser).toBeGreaterThan(0);
    for (const c of w.pod.containers) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it.each(SERVING.map((p) => [p.name] as const))('%s: the grace period outlasts the preStop pause plus the drain', (name) => {
    const { pod } = process(name);
    const [container] = pod.containers;
    const preStopSeconds = container?.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const closeMs = Number(container?.env.find((e) => e.name === 'CLOSE_TIMEOUT_MS')?.value ?? 0);
    expect(closeMs).toBeLessThan(SHUTDOWN_HARD_TIMEOUT_MS);
    expect((pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(preStopSeconds * 1000 + SHUTDOWN_HARD_TIMEOUT_MS);
  });

  it('scales the indexer Deployment with KEDA on the indexer subscription, from the measured throughput', () => {
    const { indexer } = autoscalingPolicies(objects);
    const config = loadConfig(IndexerConfig, containerEnv(objects, process('indexer').pod.containers[0] ?? { env: [], envFrom: [] } as never, secretValue));
    expect(indexer.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'indexer' });
    expect(process('indexer').replicas).toBeUndefined(); // owned by the HPA KEDA makes
    const subscription = topologyNames(config.PUBSUB_NAME_SUFFIX).indexerSubscription;
    expect(indexer.triggers.map((t) => [t.type, t.metadata.subscriptionName, t.metadata.mode, t.metricType])).toEqual([
      ['gcp-pubsub', subscription, 'SubscriptionSize', 'AverageValue'],
      ['gcp-pubsub', subscription, 'OldestUnackedMessageAge', 'AverageValue'],
    ]);
    for (const trigger of indexer.triggers) {
      const auth = objects.find((o) => o.kind === 'TriggerAuthentication' && o.metadata.name === trigger.authenticationRef?.name);
      expect(auth?.spec).toEqual({ podIdentity: { provider: 'gcp' } });
    }
    expect(triggerValue(indexer, 'SubscriptionSize')).toBe(indexerBacklogTarget());
    expect(indexer.maxReplicaCount).toBe(indexerMaxReplicas());
    expect(indexer.minReplicaCount).toBeGreaterThanOrEqual(2);
  });

  it('scales search-api on CPU relative to a CPU request', () => {
    const { searchApi } = autoscalingPolicies(objects);
    expect(searchApi.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'search-api' });
    const w = process('search-api');
    expect(w.replicas).toBeUndefined();
    expect(w.pod.containers[0]?.resources?.requests?.cpu).toBeDefined();
    expect(searchApi.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('gives each PodDisruptionBudget exactly one workload, which can still lose a pod', () => {
    const { indexer, searchApi } = autoscalingPolicies(objects);
    const minimum: Record<string, number> = { indexer: indexer.minReplicaCount, 'search-api': searchApi.minReplicas };
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs.map((p) => p.metadata.name).sort()).toEqual(['indexer', 'memcached', 'search-api']);
    for (const pdb of pdbs) {
      const spec = pdb.spec as { selector: { matchLabels: Record<string, string> }; maxUnavailable?: number };
      const matched = workloads(objects).filter((w) => selects(spec.selector, w.podLabels));
      expect(matched.map((w) => w.name)).toEqual([pdb.metadata.name]);
      expect(spec.maxUnavailable).toBeGreaterThanOrEqual(1);
      expect(minimum[pdb.metadata.name] ?? matched[0]?.replicas).toBeGreaterThan(1);
    }
  });

  it('lists every Memcached pod of the StatefulSet, by its headless Service, in MEMCACHED_SERVERS', () => {
    const memcached = workload(objects, 'StatefulSet', 'memcached');
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === memcached.serviceName);
    const spec = service?.spec as { clusterIP: string; selector: Record<string, string> };
    expect(spec.clusterIP).toBe('None');
    expect(selects({ matchLabels: spec.selector }, memcached.podLabels)).toBe(true);
    expect(memcached.pod.containers[0]?.image).toBe(IMAGES.memcached);
    const config = loadConfig(CommonEnv, containerEnv(objects, process('search-api').pod.containers[0] ?? ({} as never), secretValue));
    expect(config.MEMCACHED_SERVERS).toEqual(Array.from({ length: memcached.replicas ?? 0 }, (_, i) => `memcached-${i}.${memcached.serviceName}:11211`));
  });

  it('points every Service at one workload and a named port it has', () => {
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const spec = service.spec as { type?: string; selector: Record<string, string>; ports: { targetPort: string }[] };
      expect(spec.type ?? 'ClusterIP').toBe('ClusterIP');
      const [target, ...others] = workloads(objects).filter((w) => selects({ matchLabels: spec.selector }, w.podLabels));
      expect(others).toEqual([]);
      const names = target?.pod.containers.flatMap((c) => c.ports.map((p) => p.name)) ?? [];
      for (const port of spec.ports) expect(names).toContain(port.targetPort);
    }
  });

  it('keeps the admin ports and Memcached internal while search-api is open', () => {
    const pod = (name: string) => {
      const w = workloads(objects).find((x) => x.name === name);
      if (!w) throw new Error(name);
      return { namespace: 'catalog', labels: w.podLabels, ports: Object.fromEntries(w.pod.containers.flatMap((c) => c.ports.map((p) => [p.name ?? '', p.containerPort]))) };
    };
    const from = (namespace: string, labels: Record<string, string> = {}): Source => ({ namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels });
    const internet = from('ingress-nginx');
    const neighbour = from('catalog', { app: 'something-else' });
    const admin = from('catalog', { 'catalog-search/admin-client': 'true' });
    const reach = (source: Source, name: string, port: number) => ingressAllowed(objects, pod(name), port, source);
    expect(reach(internet, 'search-api', 3000)).toBe(true);
    for (const [name, port] of [['indexer', 4100], ['inventory-simulator', 4000], ['memcached', 11211]] as const) {
      expect(reach(internet, name, port), name).toBe(false);
      expect(reach(neighbour, name, port), name).toBe(false);
    }
    expect(reach(admin, 'indexer', 4100)).toBe(true);
    expect(reach(admin, 'inventory-simulator', 4000)).toBe(true);
    expect(reach(from('monitoring'), 'indexer', 4100)).toBe(true);
    expect(reach(from('catalog', pod('search-api').labels), 'memcached', 11211)).toBe(true);
    expect(reach(from('catalog', pod('indexer').labels), 'memcached', 11211)).toBe(true);
    expect(reach(from('catalog', pod('inventory-simulator').labels), 'memcached', 11211)).toBe(false);
  });

  it('search-api takes the client address from the proxy in front of it, so rate limits are per user', () => {
    const [container] = process('search-api').pod.containers;
    if (!container) throw new Error('no container');
    expect(loadConfig(SearchApiEnv, containerEnv(objects, container, secretValue)).TRUST_PROXY_HOPS).toBeGreaterThanOrEqual(1);
  });

  it('reads only Secrets the README or ECK creates', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of workloads(objects).flatMap((w) => secretNames(w.pod))) {
      const origin = EXTERNAL_SECRETS[name];
      expect(origin, name).toBeDefined();
      if (origin === 'README') expect(readme).toContain(`kubectl -n catalog create secret generic ${name}`);
      if (origin === 'ECK') expect(objects.some((o) => o.kind === 'Elasticsearch' && name.startsWith(`${o.metadata.name}-es-`))).toBe(true);
    }
  });
});

describe('deploy/overlays/eck', () => {
  it('runs the Elasticsearch version of the local stack and connects to its https Service with its CA', () => {
    const objects = rendered.eck;
    const es = objects.find((o) => o.kind === 'Elasticsearch');
    expect((es?.spec as { version: string }).version).toBe(IMAGES.elasticsearch.split(':')[1]);
    const env = containerEnv(objects, workload(objects, 'Deployment', 'indexer').pod.containers[0] ?? ({} as never), secretValue);
    expect(env.ELASTICSEARCH_URL).toBe(`https://${es?.metadata.name}-es-http:9200`);
    const mounts = workload(objects, 'Deployment', 'indexer').pod.containers[0]?.volumeMounts ?? [];
    expect(mounts.some((m) => env.ELASTICSEARCH_CA_CERT?.startsWith(`${m.mountPath}/`))).toBe(true);
  });
});

describe('measured figures behind the manifests', () => {
  it('KEDA aims at 15 s of backlog per replica and stops where Elasticsearch bulk capacity ends', () => {
    expect(indexerBacklogTarget()).toBe(MEASURED.indexerDocsPerSecond * 15);
    expect(indexerMaxReplicas() * MEASURED.indexerDocsPerSecond).toBeLessThanOrEqual(6 * MEASURED.elasticsearchBulkDocsPerSecondPerNode);
  });
});
