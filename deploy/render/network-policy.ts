import { z } from 'zod';
import type { KubeObject } from './kustomize';

const Selector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.object({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).optional() })).optional(),
});
type Selector = z.infer<typeof Selector>;

const Peer = z.object({ podSelector: Selector.optional(), namespaceSelector: Selector.optional(), ipBlock: z.unknown().optional() });
const Policy = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }).loose(),
  spec: z.object({
    podSelector: Selector,
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
    ingress: z.array(z.object({ from: z.array(Peer).optional(), ports: z.array(z.object({ port: z.union([z.string(), z.number()]).optional(), protocol: z.string().optional() })).optional() })).optional(),
  }),
});

/** Whether a label selector matches a set of labels (Kubernetes semantics; an empty selector matches all). */
export function selects(selector: Selector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    const inValues = value !== undefined && (e.values ?? []).includes(value);
    return e.operator === 'In' ? inValues : !inValues;
  });
  return byLabels && byExpressions;
}

/** A pod that receives traffic: its namespace, labels and named container ports. */
export type Destination = { namespace: string; labels: Record<string, string>; ports: Record<string, number> };
/** Where traffic comes from: a pod's namespace (with that namespace's labels) and its labels. */
export type Source = { namespace: string; namespaceLabels: Record<string, string>; labels: Record<string, string> };

/**
 * Whether the NetworkPolicies let `source` open a TCP connection to `port` of `destination`: allowed when no
 * Ingress policy selects the pod, else when one rule of a selecting policy admits both the peer and the port.
 */
export function ingressAllowed(objects: KubeObject[], destination: Destination, port: number, source: Source): boolean {
  const policies = objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => Policy.parse(o))
    .filter((p) => (p.metadata.namespace ?? '') === destination.namespace)
    .filter((p) => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') && selects(p.spec.podSelector, destination.labels));
  if (policies.length === 0) return true;
  const portMatches = (p: { port?: string | number | undefined }) =>
    p.port === undefined || p.port === port || (typeof p.port === 'string' && destination.ports[p.port] === port);
  const peerMatches = (peer: z.infer<typeof Peer>) => {
    if (peer.ipBlock !== undefined) return false;
    const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, source.namespaceLabels) : source.namespace === destination.namespace;
    const podOk = peer.podSelector ? selects(peer.podSelector, source.labels) : true;
    return namespaceOk && podOk;
  };
  return policies.some((p) =>
    (p.spec.ingress ?? []).some((rule) => (!rule.ports?.length || rule.ports.some(portMatches)) && (!rule.from?.length || rule.from.some(peerMatches))),
  );
}
