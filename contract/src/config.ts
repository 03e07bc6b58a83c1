import { z } from 'zod';
import { toFieldErrors } from './problem';

/** Thrown by `loadConfig`: one message that names every bad variable. */
export class ConfigError extends Error {
  readonly variables: string[];
  constructor(problems: { path: string; message: string }[], options?: ErrorOptions) {
    super(`invalid configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, options);
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.path);
  }
}

const hostPort = z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'host:port');

/** Environment every process shares (CONTRACT.md: ports, env). */
export const CommonEnv = z.object({
  ELASTICSEARCH_URL: z.url().default('http://127.0.0.1:9200'),
  /** Credentials (secrets, never logged): an API key, or a username with a password; see `createElasticsearchClient`. */
  ELASTICSEARCH_API_KEY: z.string().min(1).optional(),
  ELASTICSEARCH_USERNAME: z.string().min(1).optional(),
  ELASTICSEARCH_PASSWORD: z.string().min(1).optional(),
  /** Path of a PEM file with the CA that signed an https ELASTICSEARCH_URL's certificate (ECK, self-managed). */
  ELASTICSEARCH_CA_CERT: z.string().min(1).optional(),
  /** Unset in production = real Google Cloud Pub/Sub; the local default is the emulator. */
  PUBSUB_EMULATOR_HOST: hostPort.optional(),
  PUBSUB_PROJECT_ID: z.string().min(1).default('catalog-local'),
  MEMCACHED_SERVERS: z
    .string()
    .default('127.0.0.1:11211')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(hostPort).min(1)),
  /** Appended to every topic/subscription name (tests, several deployments on one project); empty = contract names. */
  PUBSUB_NAME_SUFFIX: z.string().regex(/^[a-z0-9-]+$/).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Name of the read alias the search API queries and the indexer writes through. */
  INDEX_ALIAS: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).default('products'),
  /** Shards and replicas of a products index this deployment creates; unset = the mapping file's (1 and 0). */
  INDEX_SHARDS: z.coerce.number().int().min(1).max(1024).optional(),
  INDEX_REPLICAS: z.coerce.number().int().min(0).max(16).optional(),
  /**
   * Proxies in front of the process whose `X-Forwarded-For` entry is trusted: 0 = the socket peer is the client
   * (the header is ignored); n = the n-th entry from the right. Rate limits, admin failures and analytics count it.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Failed admin authentications per client and window before that client gets 429 (per process). */
  ADMIN_AUTH_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(10),
  ADMIN_AUTH_FAILURE_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
});

export const AdminToken = z.string().min(16, 'at least 16 characters');
export const Port = z.coerce.number().int().min(0).max(65535);

/** Parse `env` with `schema`, or throw one ConfigError listing every bad variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  // Empty strings count as unset so that `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(toFieldErrors(result.error), { cause: result.error });
  return result.data;
}
