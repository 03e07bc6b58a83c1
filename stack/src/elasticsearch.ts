import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { pluginSourcesChanged, preparePlugin } from './analysis-plugin';
import { ensureService, type EnsureResult, type ServiceOptions } from './ensure-service';
import { ensureDistribution, ensureEsUser } from './es-distribution';
import { findJavaHome } from './java';
import { logFile, pidFile, stackPaths } from './paths';
import { livePid, removeFile, spawnDetached, stopFromPidFile, writePid } from './process-utils';

/** Address used when ELASTICSEARCH_URL is not set. */
export const ES_DEFAULT_URL = 'http://127.0.0.1:9200';

const SERVICE = 'elasticsearch';
/** Elasticsearch writes the pid of its server JVM here (the process our pid file points at is only its launcher). */
const serverPidFile = join(stackPaths.esRun, 'elasticsearch.pid');

/**
 * JVM options of the local node: 1 GB heap, and heap dumps (the distribution's jvm.options turns them on and
 * writes them, one heap size each, into the working directory, i.e. the logs folder) into their own folder,
 * of which `pruneHeapDumps` keeps only the newest.
 */
export function esJavaOpts(heapDumpDir: string): string {
  return `-Xms1g -Xmx1g -XX:HeapDumpPath=${heapDumpDir}`;
}

/** Deletes all but the newest `keep` heap dumps (`*.hprof`) in `dir`; returns the names it deleted. */
export async function pruneHeapDumps(dir: string, keep = 1): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.hprof'));
  } catch {
    return [];
  }
  const dated = await Promise.all(names.map(async (name) => ({ name, mtimeMs: (await stat(join(dir, name))).mtimeMs })));
  const stale = dated.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(keep).map((dump) => dump.name);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale;
}

/** Where Elasticsearch is expected, from ELASTICSEARCH_URL. */
export function elasticsearchAddress(env: NodeJS.ProcessEnv = process.env): { url: string; host: string; port: number } {
  const raw = env.ELASTICSEARCH_URL || ES_DEFAULT_URL;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch (error) {
    throw new Error(`ELASTICSEARCH_URL is not a URL: ${raw}`, { cause: error });
  }
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  // URL keeps IPv6 hosts bracketed; sockets want them bare.
  return { url: raw.replace(/\/+$/, ''), host: parsed.hostname.replace(/^\[|\]$/g, ''), port };
}

/** Whether the cluster at `url` answers _cluster/health with yellow or green. */
export async function elasticsearchReady(url: string): Promise<boolean> {
  const target = new URL('/_cluster/health?wait_for_status=yellow&timeout=1s', url);
  const headers: Record<string, string> = {};
  if (target.username) {
    // fetch refuses URLs with credentials, so move them into a header.
    const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  try {
    const response = await fetch(target, { headers, signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function ourPid(): Promise<number | undefined> {
  return livePid(pidFile(SERVICE), stackPaths.elasticsearch);
}

/**
 * The local distribution ready to run: downloaded and unpacked into `.local/` once, owned by its system user when
 * root, the analysis plugin built and installed; with the Java to run it.
 */
export async function prepareElasticsearch(env: NodeJS.ProcessEnv, log: Logger): Promise<{ home: string; javaHome: string; user: string | undefined }> {
  const javaHome = await findJavaHome(env);
  const home = await ensureDistribution(javaHome, log);
  const user = await ensureEsUser(home, log);
  await preparePlugin({ esHome: home, javaHome, user }, log);
  return { home, javaHome, user };
}

async function spawnElasticsearch(port: number, host: string, options: ServiceOptions, log: Logger): Promise<number> {
  const { home, javaHome, user } = await prepareElasticsearch(options.env ?? process.env, log);
  await removeFile(serverPidFile);
  const pruned = await pruneHeapDumps(stackPaths.esHeapDumps);
  if (pruned.length > 0) log.info({ deleted: pruned }, 'deleted older Elasticsearch heap dumps');
  const bin = join(home, 'bin', 'elasticsearch');
  const settings = {
    'discovery.type': 'single-node',
    'xpack.security.enabled': 'false',
    'network.host': host === 'localhost' ? '127.0.0.1' : host,
    'http.port': String(port),
    'path.data': stackPaths.esData,
    'path.logs': stackPaths.esLogs,
    // A nearly full developer disk must not flip indices to read-only.
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
  };
  const esArgs = [...Object.entries(settings).flatMap(([key, value]) => ['-E', `${key}=${value}`]), '-p', serverPidFile];
  const pid = spawnDetached({
    command: user ? 'runuser' : bin,
    args: user ? ['-u', user, '--', bin, ...esArgs] : esArgs,
    cwd: home,
    env: { ...process.env, ES_JAVA_HOME: javaHome, ES_JAVA_OPTS: esJavaOpts(stackPaths.esHeapDumps) },
    logFile: logFile(SERVICE),
    watch: options.watch,
  });
  await writePid(pidFile(SERVICE), pid);
  return pid;
}

/** Makes sure Elasticsearch answers at ELASTICSEARCH_URL, starting the native distribution if needed. */
export async function ensureElasticsearch(options: ServiceOptions, log: Logger): Promise<EnsureResult> {
  const env = options.env ?? process.env;
  const { url, host, port } = elasticsearchAddress(env);
  const result = await ensureService(
    {
      name: SERVICE,
      address: url,
      host,
      port,
      timeoutMs: options.timeoutMs ?? 120_000,
      logFile: logFile(SERVICE),
      ready: () => elasticsearchReady(url),
      ourPid,
      addressArg: `http.port=${port}`,
      start: () => spawnElasticsearch(port, host, options, log),
    },
    log,
  );
  if (!result.started && (await ourPid()) !== undefined && (await pluginSourcesChanged())) {
    log.warn('analysis plugin sources changed since Elasticsearch started; run `npm run stack:down && npm run stack` to rebuild it');
  }
  return result;
}

/** Stops the Elasticsearch this stack started (launcher and server JVM; SIGKILL after `graceMs`); returns whether one was running. */
export async function stopElasticsearch(log: Logger, graceMs?: number): Promise<boolean> {
  const server = await livePid(serverPidFile, stackPaths.elasticsearch);
  const stopped = await stopFromPidFile(SERVICE, pidFile(SERVICE), stackPaths.elasticsearch, log, server === undefined ? [] : [server], graceMs);
  await removeFile(serverPidFile);
  return stopped;
}

/** Pid of the Elasticsearch this stack started, if it is running. */
export function elasticsearchPid(): Promise<number | undefined> {
  return ourPid();
}
