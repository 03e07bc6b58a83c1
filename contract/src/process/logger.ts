import { pino, type DestinationStream, type Logger } from 'pino';

/** Paths that may hold secrets; pino replaces them before a line is written. */
export const REDACT_PATHS = [
  'authorization',
  'req.headers.authorization',
  '*.authorization',
  'token',
  '*.token',
  'ADMIN_TOKEN',
  '*.ADMIN_TOKEN',
  'config.ADMIN_TOKEN',
  // Elasticsearch credentials: as env names (a logged config) and as the client's option names.
  'ELASTICSEARCH_API_KEY',
  '*.ELASTICSEARCH_API_KEY',
  'ELASTICSEARCH_PASSWORD',
  '*.ELASTICSEARCH_PASSWORD',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'auth',
  '*.auth',
];

/** Structured JSON logger of a process, secrets redacted. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
