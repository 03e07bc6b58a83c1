import { pino, type Logger } from 'pino';

/** Paths that may hold secrets; pino replaces them before a line is written. */
const REDACT = [
  'authorization',
  'req.headers.authorization',
  '*.authorization',
  'token',
  '*.token',
  'ADMIN_TOKEN',
  '*.ADMIN_TOKEN',
  'config.ADMIN_TOKEN',
];

/** Structured JSON logger of a process, secrets redacted. */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, redact: { paths: REDACT, censor: '[redacted]' } });
}
