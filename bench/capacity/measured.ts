/**
 * Per-replica figures measured on this project's development machine (2 shared cores, the benchmark, the
 * emulator and Elasticsearch on the same cores, so floors), and the design targets derived from them. The
 * Kubernetes manifests (deploy/) and the capacity simulation read the same numbers; deploy's tests check that
 * the manifests still follow from them.
 */
export const MEASURED = {
  /** Pub/Sub → indexer → Elasticsearch, one process, 200 000 products (`bench/indexer-bench.ts`, SKPL NF-PERF-01, 23 Nov 2026). */
  indexerDocsPerSecond: 2952,
  /** `client.helpers.bulk` straight into the single local Elasticsearch node, same run and documents. */
  elasticsearchBulkDocsPerSecondPerNode: 4299,
  /** Publish → indexed freshness p50 at 1 000 messages/s, same bench (NF-FRESH-04). */
  freshnessP50Ms: 109,
  /** search-api, warm cache: req/s and p50 (16 connections: 2 162 req/s, p50 4 ms; 4 connections: p50 1 ms) (NF-PERF-03). */
  searchCachedRps: 2162,
  searchCachedP50Ms: 1,
  /** search-api, uncached, 50 000 products: 238 req/s at 4 connections with p50 15 ms; more connections only queue (NF-PERF-02/03). */
  searchUncachedRps: 238,
  searchUncachedP50Ms: 15,
  /** search-api's own CPU per uncached search: its process was 94 % idle at 238 req/s (CPU profile, NF-PERF-02) → 0.06 s / 238. */
  searchApiUncachedCpuMs: 0.25,
  /** Start of the bundled process (image entrypoint) to its first /healthz answer, measured here: 1.8–2.0 s. */
  processStartSeconds: 2,
} as const;

/** Targets chosen from the measurements (the comments in deploy/base explain each). */
export const DESIGN = {
  /** Backlog per indexer replica that KEDA aims at = measured docs/s × this many seconds of drain time. */
  indexerBacklogDrainSeconds: 15,
  /** Assumed production Elasticsearch data nodes taking bulk writes at the measured per-node rate. */
  elasticsearchDataNodes: 6,
  /** search-api HPA CPU utilisation target (% of requests). */
  searchCpuTargetPercent: 60,
} as const;

/** KEDA `value` of the SubscriptionSize trigger: messages per replica. */
export const indexerBacklogTarget = (): number => MEASURED.indexerDocsPerSecond * DESIGN.indexerBacklogDrainSeconds;

/** Most indexer replicas worth running: beyond this Elasticsearch's bulk capacity is the limit (429s). */
export const indexerMaxReplicas = (): number =>
  Math.floor((MEASURED.elasticsearchBulkDocsPerSecondPerNode * DESIGN.elasticsearchDataNodes) / MEASURED.indexerDocsPerSecond);
