import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';

/** A rendered Kubernetes object: apiVersion, kind and a named metadata, the rest as written. */
export const KubeObject = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
});
export type KubeObject = z.infer<typeof KubeObject>;

const PatchOp = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal('replace'), path: z.string(), value: z.unknown() }),
  z.strictObject({ op: z.literal('remove'), path: z.string() }),
]);
type PatchOp = z.infer<typeof PatchOp>;

/**
 * The subset of kustomize this project uses. Anything else is refused, so a rendering here is exactly what
 * `kubectl kustomize` makes of the same files (strategic-merge patches, generators and labels are not used).
 */
const Kustomization = z.strictObject({
  apiVersion: z.literal('kustomize.config.k8s.io/v1beta1'),
  kind: z.literal('Kustomization'),
  namespace: z.string().optional(),
  resources: z.array(z.string()).default([]),
  images: z.array(z.strictObject({ name: z.string(), newName: z.string().optional(), newTag: z.string().optional() })).default([]),
  patches: z.array(z.strictObject({ path: z.string(), target: z.strictObject({ kind: z.string(), name: z.string() }) })).default([]),
});

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'ClusterTriggerAuthentication', 'PriorityClass', 'StorageClass']);

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS({ maxAliasCount: -1 });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 6901 pointer tokens ("/a/b~1c" → ["a", "b/c"]). */
const tokens = (pointer: string): string[] => pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Apply one RFC 6902 operation (add, replace, remove) in place; a missing parent is an error, as in kustomize. */
export function applyPatchOp(target: unknown, op: PatchOp): void {
  const path = tokens(op.path);
  const last = path.pop();
  if (last === undefined) throw new Error(`cannot patch the root (${op.path})`);
  let parent: unknown = target;
  for (const token of path) {
    parent = Array.isArray(parent) ? parent[Number(token)] : isRecord(parent) ? parent[token] : undefined;
    if (parent === undefined) throw new Error(`${op.op} ${op.path}: no ${token}`);
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length || (op.op !== 'add' && index >= parent.length))
      throw new Error(`${op.op} ${op.path}: index out of range`);
    if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
    else if (op.op === 'replace') parent[index] = structuredClone(op.value);
    else parent.splice(index, 1);
    return;
  }
  if (!isRecord(parent)) throw new Error(`${op.op} ${op.path}: parent is not an object or array`);
  if (op.op !== 'add' && !(last in parent)) throw new Error(`${op.op} ${op.path}: no ${last}`);
  if (op.op === 'remove') delete parent[last];
  else parent[last] = structuredClone(op.value);
}

/** Pod specs of a workload (Deployment, StatefulSet, Job templates), for transformers that touch containers. */
export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = object.spec;
  if (!isRecord(spec) || !isRecord(spec.template)) return undefined;
  const podSpec = spec.template.spec;
  return isRecord(podSpec) ? podSpec : undefined;
}

function setImages(object: KubeObject, images: z.infer<typeof Kustomization>['images']): void {
  const podSpec = podSpecOf(object);
  if (!podSpec) return;
  for (const key of ['containers', 'initContainers']) {
    const containers = podSpec[key];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isRecord(container) || typeof container.image !== 'string') continue;
      const [name = '', tag] = container.image.split(':');
      const rule = images.find((i) => i.name === name);
      if (rule) container.image = `${rule.newName ?? name}${rule.newTag ?? tag ? `:${rule.newTag ?? tag}` : ''}`;
    }
  }
}

/** Render a kustomization directory into its objects (resources, then patches, images and namespace). */
export function renderKustomization(dir: string): KubeObject[] {
  const k = Kustomization.parse(readYamlDocuments(join(dir, 'kustomization.yaml'))[0]);
  const objects: KubeObject[] = k.resources.flatMap((resource) => {
    const path = join(dir, resource);
    if (existsSync(path) && statSync(path).isDirectory()) return renderKustomization(path);
    return readYamlDocuments(path)
      .filter((doc) => doc !== null)
      .map((doc) => KubeObject.parse(doc));
  });
  for (const patch of k.patches) {
    const ops = z.array(PatchOp).parse(readYamlDocuments(join(dir, patch.path))[0]);
    const matches = objects.filter((o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name);
    if (matches.length !== 1) throw new Error(`${dirname(join(dir, patch.path))}: patch ${patch.path} targets ${matches.length} objects`);
    for (const op of ops) applyPatchOp(matches[0], op);
  }
  for (const object of objects) {
    setImages(object, k.images);
    if (k.namespace && !CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = k.namespace;
  }
  return objects;
}
