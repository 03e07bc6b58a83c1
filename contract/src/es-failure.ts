import { errors } from '@elastic/elasticsearch';

/**
 * What a failed Elasticsearch call means, whoever made it. One classification for the search API (which
 * answers 503 / 400 / 500) and the indexer (which retries, dead-letters or acks): what differs between them is
 * their policy per kind, never the reading of Elasticsearch's answer.
 *
 * - `unavailable`: it cannot be reached or cannot serve (connection refused, timeout, aborted, 502/503/504,
 *   no shard, missing index, cluster block, refused credentials). Nothing is wrong with the request.
 * - `overloaded`: it answered 429 (queues full, memory pressure, disk flood stage): come back later.
 * - `rejected`: the request or document itself is refused and will be again (parse and mapping errors,
 *   too many clauses, a regex too complex, a request bigger than a circuit breaker allows on its own).
 * - `conflict`: 409, a version conflict (under external versions: the index already holds this or newer).
 * - `failed`: anything else (a 500 that names no cause, an answer that is not JSON, a bug of ours).
 */
export type EsFailureKind = 'unavailable' | 'overloaded' | 'rejected' | 'conflict' | 'failed';

export type EsFailure = {
  kind: EsFailureKind;
  /** HTTP status of the answer or item, when there was one. */
  status?: number;
  /** Exception types of the error and its causes (`search_phase_execution_exception`, `query_shard_exception`…). */
  types: string[];
  /** Elasticsearch's own explanation (root cause first): for logs only, it names indices and fields. */
  reason?: string;
};

/** Whether waiting helps: the cluster's trouble, not the request's. */
export const isTransientEsFailure = (kind: EsFailureKind): boolean => kind === 'unavailable' || kind === 'overloaded';

/** Exception types that say the cluster cannot serve right now, whatever status they came with. */
const OUTAGE_TYPES = new Set([
  'index_not_found_exception', // the alias or index is not (yet) there: a deployment state, not the request's fault
  'cluster_block_exception', // read-only or closed index, no master
  'no_shard_available_action_exception',
  'unavailable_shards_exception',
  'primary_missing_action_exception',
  'node_not_connected_exception',
  'node_disconnected_exception',
  'node_closed_exception',
  'connect_transport_exception',
  'receive_timeout_transport_exception',
  'master_not_discovered_exception',
  'process_cluster_event_timeout_exception',
  'security_exception', // our credentials: an operator must act, the documents are fine
]);

/** Exception types that blame the request or the document, whatever status they came with (some are 500s). */
const INPUT_TYPES = new Set([
  'parsing_exception',
  'x_content_parse_exception',
  'json_parse_exception',
  'illegal_argument_exception',
  'query_shard_exception',
  'search_parse_exception',
  'too_complex_to_determinize_exception',
  'too_many_clauses',
  'too_many_nested_clauses',
  'too_many_buckets_exception',
  'mapper_parsing_exception',
  'document_parsing_exception',
  'strict_dynamic_mapping_exception',
  'number_format_exception',
  'action_request_validation_exception',
]);

/** Statuses of a cluster (or a proxy in front of it) that cannot serve now. */
const OUTAGE_STATUSES = new Set([401, 403, 408, 502, 503, 504]);

type Cause = { type?: string; reason?: string; durability?: string };

const prop = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.hasOwn(o, key) ? Reflect.get(o, key) : undefined;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** An error object and its causes (`root_cause`, `caused_by`, shard failures), root causes first; bounded depth. */
function causesOf(error: unknown, depth = 0): Cause[] {
  if (depth > 8 || typeof error !== 'object' || error === null) return [];
  const own: Cause = { type: text(prop(error, 'type')), reason: text(prop(error, 'reason')), durability: text(prop(error, 'durability')) };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, 20) : []);
  return [
    ...list(prop(error, 'root_cause')).flatMap((c) => causesOf(c, depth + 1)),
    own,
    ...causesOf(prop(error, 'caused_by'), depth + 1),
    ...list(prop(error, 'failed_shards')).flatMap((f) => causesOf(prop(f, 'reason'), depth + 1)),
  ];
}

function kindOf(status: number, causes: Cause[]): EsFailureKind {
  const types = new Set(causes.flatMap((c) => (c.type ? [c.type] : [])));
  // A request bigger than a breaker's whole limit fails the same way every time: it is the request's fault.
  if (causes.some((c) => c.type === 'circuit_breaking_exception' && c.durability === 'PERMANENT')) return 'rejected';
  if (status === 429) return 'overloaded';
  if (status === 409) return 'conflict';
  if (OUTAGE_STATUSES.has(status) || [...types].some((t) => OUTAGE_TYPES.has(t))) return 'unavailable';
  if ((status >= 400 && status < 500) || [...types].some((t) => INPUT_TYPES.has(t))) return 'rejected';
  return 'failed';
}

/**
 * A failed answer or bulk / multi-search item: its status and its `error` object (`{ type, reason,
 * root_cause?, caused_by?, durability? }`, as Elasticsearch nests it).
 */
export function classifyEsResponse(status: number, error?: unknown): EsFailure {
  const causes = causesOf(error);
  const reason = causes.find((c) => c.reason)?.reason;
  return {
    kind: kindOf(status, causes),
    status,
    types: [...new Set(causes.flatMap((c) => (c.type ? [c.type] : [])))],
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** Anything a client call threw: transport errors by class, answers by status and body, the rest `failed`. */
export function classifyEsError(err: unknown): EsFailure {
  if (
    err instanceof errors.ConnectionError ||
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoLivingConnectionsError ||
    err instanceof errors.RequestAbortedError
  ) {
    return { kind: 'unavailable', types: [err.name], reason: err.message };
  }
  if (err instanceof errors.ResponseError) return classifyEsResponse(err.statusCode ?? 0, prop(err.body, 'error'));
  return { kind: 'failed', types: [], ...(err instanceof Error ? { reason: err.message } : {}) };
}
