/**
 * A private stack for fault injection and scale runs: its own Elasticsearch, Pub/Sub emulator and Memcached
 * on other ports with their data under `.local/chaos/<name>/`, so that pausing or killing them never touches
 * the shared stack (9200/8085/11211) that other people's tests use. Same native binaries as `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { chown, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ES_USER } from '../../stack/src/es-distribution';
import { elasticsearchReady } from '../../stack/src/elasticsearch';
import { findJavaHome } from '../../stack/src/java';
import { findMemcached, memcachedReady } from '../../stack/src/memcached';
import { stackPaths } from '../../stack/src/paths';
import { isAlive, isRoot, sleep, spawnDetached, stopGroup, waitUntilReady } from '../../stack/src/process-utils';
import { portOpen } from '../../stack/src/probes';
import { emulatorJvmEnv, findPubsubEmulator, pubsubReady } from '../../stack/src/pubsub-emulator';

export type PrivateStackOptions = {
  /** Folder name under `.local/chaos/`. */
  name: string;
  esPort: number;
  emulatorPort: number;
  memcachedPort: number;
  /** Elasticsearch heap (a million documents want more than the shared stack's 1 GB). */
  esHeapMb: number;
  /** Emulator JVM heap cap; undefined = the stack's default, half the machine's memory (`emulatorJvmEnv`). */
  emulatorHeapMb?: number;
};

/** The three services a private stack runs. */
export type PrivateService = 'elasticsearch' | 'emulator' | 'memcached';

export type PrivateStack = {
  root: string;
  /** Environment for the processes that use this stack (ES URL, emulator host, Memcached servers). */
  env: Record<string, string>;
  /** The JVM options that set the emulator's heap (`emulatorJvmEnv`), or undefined when the environment's own were used. */
  emulatorJvm: string | undefined;
  /** Pid of the process that does the service's work (the server JVM for Elasticsearch), for signals and `ps`. */
  pid(service: PrivateService): number;
  /** Stops the services; with `remove`, also deletes the folder. */
  stop(options?: { remove?: boolean }): Promise<void>;
};

const HOST = '127.0.0.1';

async function serverPid(file: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0) return pid;
    if (Date.now() > deadline) throw new Error(`no pid in ${file}`);
    await sleep(200);
  }
}

async function esDistribution(): Promise<string> {
  const dists = (await readdir(stackPaths.elasticsearch)).filter((d) => d.startsWith('elasticsearch-'));
  const first = dists[0];
  if (!first) throw new Error('no Elasticsearch distribution under .local; run `npm run stack` once');
  return join(stackPaths.elasticsearch, first);
}

/** Starts the three services (wiping the folder first) and waits until each answers. */
export async function startPrivateStack(options: PrivateStackOptions): Promise<PrivateStack> {
  // Something already answering there would pass the readiness checks below and then vanish (or be the shared stack).
  for (const port of [options.esPort, options.emulatorPort, options.memcachedPort]) {
    if (await portOpen(HOST, port)) throw new Error(`port ${port} is in use: a private stack needs its own ports (another chaos run?)`);
  }
  const root = join(stackPaths.local, 'chaos', options.name);
  await rm(root, { recursive: true, force: true });
  const dirs = { esData: join(root, 'es-data'), esLogs: join(root, 'es-logs'), esRun: join(root, 'es-run'), pubsub: join(root, 'pubsub'), logs: join(root, 'logs') };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const javaHome = await findJavaHome(process.env);
  const leaders: number[] = [];
  const pids: Partial<Record<PrivateService, number>> = {};

  // Elasticsearch, as the ES user when root (it refuses to run as root).
  const home = await esDistribution();
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', ES_USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', ES_USER]).toString().trim());
    for (const dir of [root, dirs.esData, dirs.esLogs, dirs.esRun]) await chown(dir, uid, gid);
  }
  const esPidFile = join(dirs.esRun, 'elasticsearch.pid');
  const esArgs = [
    ...Object.entries({
      'cluster.name': `chaos-${options.name}`,
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'false',
      'network.host': HOST,
      'http.port': String(options.esPort),
      // Any free port the kernel gives: a single node talks to no other, and a fixed range next to the HTTP port
      // could hold a port a test had picked for one of its processes (it then failed to listen).
      'transport.port': '0',
      'path.data': dirs.esData,
      'path.logs': dirs.esLogs,
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
    }).flatMap(([k, v]) => ['-E', `${k}=${v}`]),
    '-p',
    esPidFile,
  ];
  const bin = join(home, 'bin', 'elasticsearch');
  const esLog = join(dirs.logs, 'elasticsearch.log');
  leaders.push(
    spawnDetached({
      command: isRoot() ? 'runuser' : bin,
      args: isRoot() ? ['-u', ES_USER, '--', bin, ...esArgs] : esArgs,
      cwd: home,
      // Heap dumps on OOM go to the private folder, never into the checkout.
      env: { ...process.env, ES_JAVA_HOME: javaHome, ES_JAVA_OPTS: `-Xms${options.esHeapMb}m -Xmx${options.esHeapMb}m -XX:HeapDumpPath=${dirs.esRun}` },
      logFile: esLog,
    }),
  );

  const emulatorLog = join(dirs.logs, 'pubsub-emulator.log');
  const emulatorJvm = emulatorJvmEnv(process.env, totalmem(), options.emulatorHeapMb);
  const emulatorLeader = spawnDetached({
    command: await findPubsubEmulator(process.env),
    args: [`--host=${HOST}`, `--port=${options.emulatorPort}`],
    cwd: dirs.pubsub,
    env: {
      ...process.env,
      JAVA_HOME: javaHome,
      PATH: `${join(javaHome, 'bin')}:${process.env.PATH ?? ''}`,
      ...emulatorJvm,
    },
    logFile: emulatorLog,
  });
  leaders.push(emulatorLeader);

  const memcachedLog = join(dirs.logs, 'memcached.log');
  const memcachedPid = spawnDetached({
    command: await findMemcached(pino({ level: 'silent' })),
    args: ['-l', HOST, `--port=${options.memcachedPort}`, '-m', '64', '-U', '0', ...(isRoot() ? ['-u', 'nobody'] : [])],
    cwd: root,
    env: process.env,
    logFile: memcachedLog,
  });
  leaders.push(memcachedPid);
  pids.memcached = memcachedPid;

  const esUrl = `http://${HOST}:${options.esPort}`;
  const stop = async (how: { remove?: boolean } = {}) => {
    await Promise.all(leaders.map((leader) => stopGroup(leader, Object.values(pids), 30_000)));
    if (how.remove) await rm(root, { recursive: true, force: true });
  };
  try {
    await Promise.all([
      waitUntilReady(() => elasticsearchReady(esUrl), { what: 'private Elasticsearch', timeoutMs: 180_000, logFile: esLog }),
      waitUntilReady(() => pubsubReady(HOST, options.emulatorPort), { what: 'private Pub/Sub emulator', timeoutMs: 60_000, logFile: emulatorLog }),
      waitUntilReady(() => memcachedReady(HOST, options.memcachedPort), { what: 'private memcached', timeoutMs: 30_000, logFile: memcachedLog }),
    ]);
    pids.elasticsearch = await serverPid(esPidFile, 10_000);
    // The start script execs java in the same process, so the leader is the emulator's JVM.
    pids.emulator = emulatorLeader;
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    root,
    env: {
      ELASTICSEARCH_URL: esUrl,
      PUBSUB_EMULATOR_HOST: `${HOST}:${options.emulatorPort}`,
      PUBSUB_PROJECT_ID: 'catalog-local',
      MEMCACHED_SERVERS: `${HOST}:${options.memcachedPort}`,
    },
    emulatorJvm: emulatorJvm.CLOUD_PUBSUB_EMULATOR_OPTS,
    pid: (service) => {
      const pid = pids[service];
      if (pid === undefined || !isAlive(pid)) throw new Error(`private ${service} is not running`);
      return pid;
    },
    stop,
  };
}
