import { inspect } from 'node:util';
import { ConfigError } from '../config';

/**
 * Runs an entry point (a service's main, a CLI, a benchmark): a `ConfigError` prints its one message, which
 * names every bad variable, and exits 1 without a stack trace; any other failure prints the error with its
 * causes and exits 1. Resolves when `main` does; what `main` leaves running (a server) keeps running.
 */
export async function runMain(name: string, main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (err) {
    process.stderr.write(`${describeFailure(name, err)}\n`);
    process.exit(1);
  }
}

/** The line (or, for an unexpected error, the inspected error) an entry point prints when it fails. */
export function describeFailure(name: string, err: unknown): string {
  if (err instanceof ConfigError) return `${name}: ${err.message}`;
  return `${name} failed: ${inspect(err, { depth: 4 })}`;
}
