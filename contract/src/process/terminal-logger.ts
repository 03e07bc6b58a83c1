import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { REDACT_PATHS } from './logger';

const NOT_SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'service', 'msg', 'err']);

/**
 * The readable form of one log entry: `service: message: error message  key=value …` (only fields with a
 * plain value; nested objects stay in the JSON logs).
 */
export function formatTerminalLine(entry: Record<string, unknown>): string {
  const who = typeof entry.service === 'string' ? `${entry.service}: ` : '';
  const err = entry.err;
  const cause = typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string' ? `: ${err.message}` : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !NOT_SHOWN.has(key) && ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}=${String(value)}`);
  return `${who}${String(entry.msg ?? '')}${cause}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}`;
}

/**
 * Logger of a command people run in a terminal (`npm start`, `npm run stack`): one readable, coloured line per
 * entry (time, level, `formatTerminalLine`) when `stream` is a terminal; JSON lines otherwise, so files, pipes
 * and CI keep structured logs. Secrets are redacted either way.
 */
export function createTerminalLogger(name: string, level: string, stream: NodeJS.WriteStream = process.stderr): Logger {
  const options = { name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (!stream.isTTY) return pino(options, stream);
  const readable = pretty({
    destination: stream,
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name',
    hideObject: true,
    messageFormat: (entry) => formatTerminalLine(entry),
  });
  return pino(options, readable);
}
