/**
 * A private Elasticsearch for the outage test (port 9260), so that stopping it never disturbs the shared
 * stack's cluster at 9200 that other suites use. Same native distribution as the stack, own data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pino } from 'pino';
import { prepareElasticsearch } from '../../stack/src/elasticsearch';
import { findJavaHome } from '../../stack/src/java';
import { esHome } from '../../stack/src/paths';
import { ES_USER, ES_VERSION } from '../../stack/src/es-distribution';
import { sleep } from './indexer-support';

export type PrivateEs = { url: string; start: () => Promise<void>; stop: () => Promise<void>; destroy: () => Promise<void> };

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Starts (and returns controls for) a single-node Elasticsearch on `port`. */
export async function privateElasticsearch(port = 9260): Promise<PrivateEs> {
  // The stack's distribution as it is (a running cluster may use it); where the stack never started one (its
  // services came from elsewhere), it is provided here the way `npm start` would.
  const installed = existsSync(join(esHome(ES_VERSION), 'bin', 'elasticsearch'));
  const home = installed ? esHome(ES_VERSION) : (await prepareElasticsearch(process.env, pino({ level: 'warn' }))).home;
  const javaHome = await findJavaHome(process.env);
  const root = await mkdtemp(join(tmpdir(), 'indexer-outage-es-'));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', ES_USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', ES_USER]).toString().trim());
    await chown(root, uid, gid);
  }
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    const bin = join(home, 'bin', 'elasticsearch');
    const args = Object.entries({
      'cluster.name': `indexer-outage-${port}`,
      'node.name': 'outage',
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'false',
      'network.host': '127.0.0.1',
      'http.port': String(port),
      'transport.port': String(port + 100),
      'path.data': join(root, 'data'),
      'path.logs': join(root, 'logs'),
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
    }).flatMap(([k, v]) => ['-E', `${k}=${v}`]);
    child = spawn(isRoot ? 'runuser' : bin, isRoot ? ['-u', ES_USER, '--', bin, ...args] : args, {
      cwd: home,
      env: { ...process.env, ES_JAVA_HOME: javaHome, ES_JAVA_OPTS: '-Xms512m -Xmx512m' },
      stdio: 'ignore',
      detached: true,
    });
    const deadline = Date.now() + 120_000;
    while (!(await healthy(url))) {
      if (Date.now() > deadline) throw new Error(`private Elasticsearch on ${port} did not start`);
      if (child.exitCode !== null) throw new Error(`private Elasticsearch exited with ${child.exitCode}`);
      await sleep(500);
    }
  };

  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c?.pid) return;
    const exited = c.exitCode === null ? new Promise((resolve) => c.once('exit', resolve)) : Promise.resolve();
    // The whole process group: runuser, the launcher and the server JVM.
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-(c.pid ?? 0), s);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(30_000).then(() => true)]);
    if (timedOut) signal('SIGKILL');
    await exited;
    // Wait until the port really refuses connections: the server JVM can outlive its launcher on a busy machine, and a
    // node still answering here would make the next start() return at once and its new node fail on the data lock.
    let deadline = Date.now() + 30_000;
    while ((await healthy(url)) && Date.now() < deadline) await sleep(200);
    if (await healthy(url)) {
      signal('SIGKILL');
      deadline = Date.now() + 30_000;
      while ((await healthy(url)) && Date.now() < deadline) await sleep(200);
      if (await healthy(url)) throw new Error(`private Elasticsearch on ${port} still answers after SIGKILL`);
    }
  };

  await start();
  return {
    url,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
