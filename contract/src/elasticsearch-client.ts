import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from '@elastic/elasticsearch';
import { ConfigError } from './config';

/** How a failed call is read (one classification for every process): see `es-failure.ts`. */
export * from './es-failure';

/**
 * Where and how to reach Elasticsearch: the `ELASTICSEARCH_*` variables of `CommonEnv` (validated there one by
 * one; how they combine is checked here, when the client is made).
 */
export type ElasticsearchConnection = {
  ELASTICSEARCH_URL: string;
  ELASTICSEARCH_API_KEY?: string | undefined;
  ELASTICSEARCH_USERNAME?: string | undefined;
  ELASTICSEARCH_PASSWORD?: string | undefined;
  ELASTICSEARCH_CA_CERT?: string | undefined;
};

/** Per-use transport settings; the caller knows why it retries or not. */
export type ElasticsearchClientSettings = {
  requestTimeoutMs: number;
  /** Transport retries (on another node); 0 where the caller decides what is retried. */
  maxRetries?: number;
};

type Problem = { path: string; message: string };

function authProblems(c: ElasticsearchConnection): Problem[] {
  const problems: Problem[] = [];
  const basic = c.ELASTICSEARCH_USERNAME !== undefined || c.ELASTICSEARCH_PASSWORD !== undefined;
  if (c.ELASTICSEARCH_USERNAME !== undefined && c.ELASTICSEARCH_PASSWORD === undefined)
    problems.push({ path: 'ELASTICSEARCH_PASSWORD', message: 'required with ELASTICSEARCH_USERNAME' });
  if (c.ELASTICSEARCH_PASSWORD !== undefined && c.ELASTICSEARCH_USERNAME === undefined)
    problems.push({ path: 'ELASTICSEARCH_USERNAME', message: 'required with ELASTICSEARCH_PASSWORD' });
  if (basic && c.ELASTICSEARCH_API_KEY !== undefined)
    problems.push({ path: 'ELASTICSEARCH_API_KEY', message: 'set either an API key or a username and password, not both' });
  return problems;
}

function urlProblems(c: ElasticsearchConnection): Problem[] {
  const url = new URL(c.ELASTICSEARCH_URL);
  const problems: Problem[] = [];
  // The URL is printed and logged (start-up lines, reindex hints); credentials in it would leak there.
  if (url.username || url.password)
    problems.push({ path: 'ELASTICSEARCH_URL', message: 'must not hold credentials: use ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/PASSWORD' });
  if (c.ELASTICSEARCH_CA_CERT !== undefined && url.protocol !== 'https:')
    problems.push({ path: 'ELASTICSEARCH_CA_CERT', message: 'only applies to an https ELASTICSEARCH_URL' });
  return problems;
}

function readCa(path: string, read: (path: string) => string): string {
  let pem: string;
  try {
    pem = read(path);
  } catch (err) {
    throw new ConfigError([{ path: 'ELASTICSEARCH_CA_CERT', message: `cannot read ${path}` }], { cause: err });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new ConfigError([{ path: 'ELASTICSEARCH_CA_CERT', message: `${path} holds no PEM certificate` }]);
  return pem;
}

/**
 * The client options for a connection, or a ConfigError naming every variable that does not fit (never a
 * value). `read` is the file reader for the CA certificate (tests pass their own).
 */
export function elasticsearchClientOptions(
  connection: ElasticsearchConnection,
  settings: ElasticsearchClientSettings,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ClientOptions {
  const problems = [...urlProblems(connection), ...authProblems(connection)];
  if (problems.length > 0) throw new ConfigError(problems);
  const { ELASTICSEARCH_API_KEY: apiKey, ELASTICSEARCH_USERNAME: username, ELASTICSEARCH_PASSWORD: password } = connection;
  const options: ClientOptions = {
    node: connection.ELASTICSEARCH_URL,
    requestTimeout: settings.requestTimeoutMs,
    maxRetries: settings.maxRetries ?? 0,
    sniffOnStart: false,
  };
  if (apiKey !== undefined) options.auth = { apiKey };
  else if (username !== undefined && password !== undefined) options.auth = { username, password };
  if (connection.ELASTICSEARCH_CA_CERT !== undefined) options.tls = { ca: readCa(connection.ELASTICSEARCH_CA_CERT, read) };
  return options;
}

/**
 * The one way every process (search-api, indexer, reindex, stack) makes its Elasticsearch client: URL plus an
 * API key or basic auth, and a CA certificate for a private https endpoint (ECK, self-managed). Throws
 * ConfigError at construction when the variables do not combine.
 */
export function createElasticsearchClient(connection: ElasticsearchConnection, settings: ElasticsearchClientSettings): Client {
  return new Client(elasticsearchClientOptions(connection, settings));
}
