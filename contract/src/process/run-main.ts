import { inspect } from 'node:util';
import { ConfigError } from '../config';

/**
 * Runs an entry point (a CLI's or a benchmark's main, a service's start-up such as loading its config): a
 * `ConfigError` prints its one message, which names every bad variable, and exits 1 without a stack trace; any
 * other failure prints one line with the messages of the error and its causes, then (unless `stack: false`, for
 * commands whose errors are written for people, like `npm start`'s "install Java") the inspected error, and
 * exits 1. Resolves with what `main` returns; what `main` leaves running (a server) keeps running.
 */
export async function runMain<T>(name: string, main: () => Promise<T> | T, options: { stack?: boolean } = {}): Promise<T> {
  try {
    return await main();
  } catch (err) {
    process.stderr.write(`${describeFailure(name, err, options.stack ?? true)}\n`);
    return process.exit(1);
  }
}

/** What an entry point prints when it fails (see `runMain`). */
export function describeFailure(name: string, err: unknown, stack = true): string {
  if (err instanceof ConfigError) return `${name}: ${err.message}`;
  const line = `${name} failed: ${describeError(err)}`;
  return stack ? `${line}\n${inspect(err, { depth: 4 })}` : line;
}

/** The first line of an error's message and of each of its causes, joined on one line (log tails are left out). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    const line = (current instanceof Error ? current.message : String(current)).split('\n')[0] ?? '';
    // Wrappers often already quote their cause's message.
    if (!parts.some((part) => part.includes(line))) parts.push(line);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

