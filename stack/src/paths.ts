import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the monorepo root (two levels above this file). */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url));

/** Git-ignored cache folder for everything the local stack downloads, unpacks and runs; CATALOG_STACK_DIR moves it. */
export const localDir: string = process.env.CATALOG_STACK_DIR ? resolve(process.env.CATALOG_STACK_DIR) : join(repoRoot, '.local');

/** Every folder and file of the local stack, all under `.local/`. */
export const stackPaths = {
  local: localDir,
  downloads: join(localDir, 'downloads'),
  /** Parent of the unpacked distribution; the distribution itself is `esHome(version)`. */
  elasticsearch: join(localDir, 'elasticsearch'),
  esData: join(localDir, 'elasticsearch', 'data'),
  esLogs: join(localDir, 'elasticsearch', 'logs'),
  /** Writable by the Elasticsearch user, which writes its own pid file there. */
  esRun: join(localDir, 'elasticsearch', 'run'),
  /** Where a JVM that ran out of memory writes its heap dump (only the newest is kept). */
  esHeapDumps: join(localDir, 'elasticsearch', 'heap-dumps'),
  pluginState: join(localDir, 'analysis-plugin'),
  pubsubData: join(localDir, 'pubsub-emulator'),
  pids: join(localDir, 'pids'),
  logs: join(localDir, 'logs'),
  analysisPluginModule: join(repoRoot, 'stack', 'analysis-plugin'),
} as const;

/** Home of the unpacked Elasticsearch distribution of the given version. */
export function esHome(version: string): string {
  return join(stackPaths.elasticsearch, `elasticsearch-${version}`);
}

/** Pid file the stack writes for a service it started. */
export function pidFile(service: string): string {
  return join(stackPaths.pids, `${service}.pid`);
}

/** A path as people should read it: relative to the repository when inside it. */
export function displayPath(path: string): string {
  return path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
}

/** Log file receiving stdout/stderr of a service the stack started. */
export function logFile(service: string): string {
  return join(stackPaths.logs, `${service}.log`);
}
