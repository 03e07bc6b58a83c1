import { z } from 'zod';
import { AdminToken, CommonEnv, Port, loadConfig } from '@catalog/contract';

/**
 * Environment of the indexer. Bulk defaults: 1 000 docs or 5 MB per request is where Elasticsearch's
 * throughput flattens for ~2 KB product docs; a 50 ms linger fills batches under load yet keeps a single
 * change's latency far below the 1 s refresh interval that dominates freshness anyway.
 */
export const IndexerConfig = CommonEnv.extend({
  PORT: Port.default(4100),
  ADMIN_TOKEN: AdminToken,
  BULK_MAX_DOCS: z.coerce.number().int().min(1).max(10_000).default(1000),
  BULK_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  BULK_MAX_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Bulk requests in flight at once per process. */
  BULK_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * Family maintenance rounds in flight at once per process (second pipeline stage after the product bulk). While they
   * are busy the changes of the following batches gather into the next round, up to FAMILY_MAX_CHANGES products.
   */
  FAMILY_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  FAMILY_MAX_CHANGES: z.coerce.number().int().min(1).max(10_000).default(2000),
  /**
   * Pub/Sub flow control: messages held (pulled, not yet acked) per process — the indexer's whole
   * buffer, whatever the backlog. 4 000 is ~1.3 s of work at the measured ~3 000 docs/s: enough to keep
   * two bulks of 1 000 in flight and the next one filling.
   */
  FLOW_MAX_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(4000),
  /** Message data held; pulling stops above it (a pull may overshoot by its own messages). */
  FLOW_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Unary Pull requests in flight (each asks for up to PULL_MAX_MESSAGES; the emulator answers at most 100). */
  PULL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  PULL_MAX_MESSAGES: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Long poll: how long a Pull waits for messages; also the longest close() waits for one in flight. */
  PULL_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  /** In-process retries of a retryable item while the cluster is healthy, before the message is nacked. */
  MAX_ITEM_RETRIES: z.coerce.number().int().min(0).max(100).default(8),
  HEALTH_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** How often the indexer re-reads the reindex command's extra write targets (`<alias>-write-extra`). */
  WRITE_TARGETS_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /**
   * Lease the indexer keeps renewing on every message it holds, for as long as it holds it (an
   * Elasticsearch outage of any length burns no delivery attempt). Short, so that what a killed process
   * held is redelivered to another replica soon.
   */
  LEASE_SECONDS: z.coerce.number().int().min(10).max(600).default(20),
  /** On SIGTERM: how long held messages may take to settle before the rest are nacked (below the 30 s hard stop). */
  CLOSE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  ES_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  MEMCACHED_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  /** Index holding the dead-letter store. */
  DEAD_LETTER_INDEX: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/).default('catalog-dead-letters'),
  /** Consume the dead-letter subscription into the store in this process (one per deployment is enough). */
  DEAD_LETTER_STORE: z.enum(['on', 'off']).default('on'),
});
export type IndexerConfig = z.infer<typeof IndexerConfig>;

/** Parse the process environment; throws ConfigError naming every bad variable. */
export const loadIndexerConfig = (env: Record<string, string | undefined>): IndexerConfig =>
  loadConfig(IndexerConfig, env);
