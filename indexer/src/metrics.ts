import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The indexer's Prometheus metrics, all on one registry. */
export function createIndexerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    received: new Counter({ name: 'indexer_messages_received_total', help: 'Messages pulled', registers }),
    acked: new Counter({ name: 'indexer_messages_acked_total', help: 'Messages acked, by outcome (ack|stale)', labelNames: ['outcome'], registers }),
    nacked: new Counter({ name: 'indexer_messages_nacked_total', help: 'Messages nacked for redelivery', registers }),
    deadLettered: new Counter({ name: 'indexer_messages_dead_lettered_total', help: 'Messages dead-lettered, by reason', labelNames: ['reason'], registers }),
    bulkSeconds: new Histogram({ name: 'indexer_bulk_duration_seconds', help: 'Bulk request latency', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    batchSize: new Histogram({ name: 'indexer_batch_size', help: 'Documents per bulk request', labelNames: ['reason'], buckets: [1, 5, 10, 50, 100, 250, 500, 1000, 2500, 5000], registers }),
    inFlight: new Gauge({ name: 'indexer_messages_in_flight', help: 'Messages held, not yet settled', registers }),
    freshness: new Histogram({ name: 'indexer_freshness_seconds', help: 'Event occurredAt → indexed', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300], registers }),
    paused: new Gauge({ name: 'indexer_paused_for_backpressure', help: '1 while bulk writes wait for Elasticsearch (unreachable, red or overloaded); pulling stops once the held budget is full', registers }),
    deadLettersStored: new Counter({ name: 'indexer_dead_letters_stored_total', help: 'Dead letters written to the store', registers }),
    deadLettersRecovered: new Counter({
      name: 'indexer_dead_letters_recovered_total',
      help: 'Valid updates found in the dead-letter topic and applied to the index instead of stored, by outcome (applied|stale)',
      labelNames: ['outcome'],
      registers,
    }),
    redelivered: new Counter({ name: 'indexer_messages_redelivered_total', help: 'Messages received with a delivery attempt above 1', registers }),
    pulls: new Counter({ name: 'indexer_pull_requests_total', help: 'Pull requests, by result (messages|empty|error)', labelNames: ['result'], registers }),
    leaseRenewals: new Counter({ name: 'indexer_lease_renewals_total', help: 'Held messages whose lease was extended', registers }),
    cacheBumps: new Counter({ name: 'indexer_cache_generation_bumps_total', help: 'Search cache generation bumps', registers }),
    familyWrites: new Counter({ name: 'indexer_family_writes_total', help: 'Families index writes, by operation (create|index|delete)', labelNames: ['op'], registers }),
    familyRedos: new Counter({
      name: 'indexer_family_redos_total',
      help: 'Families recomputed again, by reason (conflict: another writer won; changed: a member changed meanwhile; error: cluster trouble)',
      labelNames: ['reason'],
      registers,
    }),
    familyFailures: new Counter({ name: 'indexer_family_failures_total', help: 'Family maintenance rounds that failed (their messages are redelivered)', registers }),
    familySeconds: new Histogram({ name: 'indexer_family_duration_seconds', help: 'Family maintenance per round (the changes of one or more batches)', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    cacheFailures: new Counter({ name: 'indexer_cache_invalidation_failures_total', help: 'Failed memcached invalidations, by operation (bump|delete|dropped)', labelNames: ['op'], registers }),
  };
}
export type IndexerMetrics = ReturnType<typeof createIndexerMetrics>;
