import { z } from 'zod';
import { AdminToken, CommonEnv, Port, loadConfig } from '@catalog/contract';

/** Where `npm start` serves the search API; the admin page reads its insights there unless SEARCH_API_URL says otherwise. */
export const DEFAULT_SEARCH_API_URL = 'http://127.0.0.1:3000';

/** Environment of the inventory simulator. */
export const InventoryConfig = CommonEnv.extend({
  PORT: Port.default(4000),
  ADMIN_TOKEN: AdminToken,
  /** SQLite file holding master data and the outbox. */
  INVENTORY_DB_PATH: z.string().min(1).default('.local/inventory.sqlite'),
  /** How often the outbox relay looks for unpublished events when nothing woke it. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  /** Largest admin request body (bulk import streams are limited separately per line). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest bulk import upload (NDJSON/CSV); the valid lines are held until written in one transaction. */
  MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).default(33_554_432),
  /** Largest single line of a bulk import; a longer line is rejected on its own. */
  MAX_IMPORT_LINE_BYTES: z.coerce.number().int().min(256).default(65_536),
  /** Published outbox events kept for the admin page's recent events; older ones are deleted every 5,000 published (PRUNE_EVERY). */
  OUTBOX_RETAIN_PUBLISHED: z.coerce.number().int().min(0).default(10_000),
  /** The search API the admin page reads its search insights from (the browser calls it; CSP `connect-src` allows its origin). */
  SEARCH_API_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_SEARCH_API_URL),
});
export type InventoryConfig = z.infer<typeof InventoryConfig>;

/** Parse the process environment; throws ConfigError naming every bad variable. */
export const loadInventoryConfig = (env: Record<string, string | undefined>): InventoryConfig =>
  loadConfig(InventoryConfig, env);
