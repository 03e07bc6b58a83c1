import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { topologyNames } from '@catalog/contract';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { memcachedReady } from '../../stack/src/memcached';
import { repoRoot } from '../../stack/src/paths';
import { isAlive } from '../../stack/src/process-utils';
import { deleteTopology } from '../../stack/src/pubsub-topology';
import { eventually, freePort, randomSuffix, stackClients } from './helpers';

// `npm start` as people run it (through npm), supervising what it started: a SIGKILLed indexer and a SIGKILLed
// Memcached come back and are reported; SIGTERM to npm stops every process and the Memcached it started within
// the bound. Elasticsearch and the emulator are the shared ones (used, never stopped); Memcached runs on a
// private port and the stack folder (pid files, logs) is private, so nothing of the shared stack is touched.
const SHUTDOWN_BOUND_MS = 30_000;
const suffix = randomSuffix();
const alias = `products-${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'catalog-supervise-'));
const stackDir = join(dir, 'stack');
const { es, pubsub } = stackClients();
const pids: number[] = [];

const LogLine = z.object({ msg: z.string(), service: z.string().optional(), childPid: z.number().optional() }).loose();
type LogLine = z.infer<typeof LogLine>;

afterAll(async () => {
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await deleteTopology(pubsub, topologyNames(suffix));
  await deleteProductIndices(es, alias);
  await es.indices.delete({ index: `dead-letters-${suffix}` }, { ignore: [404] });
  await Promise.all([pubsub.close(), es.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start supervises what it started', () => {
  it('restarts a killed indexer and a killed Memcached, reports both, and stops everything on SIGTERM', async () => {
    const [search, inventory, indexer, memcachedPort] = (await Promise.all([freePort(), freePort(), freePort(), freePort()])) as [
      number,
      number,
      number,
      number,
    ];
    const npm = spawn('npm', ['start'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        CATALOG_STACK_DIR: stackDir,
        MEMCACHED_SERVERS: `127.0.0.1:${memcachedPort}`,
        ADMIN_TOKEN: `supervise-token-${suffix}`,
        INDEX_ALIAS: alias,
        PUBSUB_NAME_SUFFIX: suffix,
        INVENTORY_DB_PATH: join(dir, 'inventory.sqlite'),
        DEAD_LETTER_INDEX: `dead-letters-${suffix}`,
        DEMO_CATALOG_SIZE: '50',
        SEARCH_API_PORT: String(search),
        INVENTORY_PORT: String(inventory),
        INDEXER_PORT: String(indexer),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (npm.pid) pids.push(npm.pid);
    let stdout = '';
    const lines: LogLine[] = [];
    npm.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Not a terminal: the log lines on stderr stay JSON, which this test reads.
    let partial = '';
    npm.stderr.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) {
        try {
          const line = LogLine.safeParse(JSON.parse(part));
          if (line.success) lines.push(line.data);
        } catch {
          // not a log line
        }
      }
    });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const logged = (service: string, pattern: RegExp, after = 0) =>
      eventually(async () => lines.slice(after).find((l) => l.service === service && pattern.test(l.msg)), 120_000, 100);

    await eventually(async () => (stdout.includes('Press Ctrl-C to stop.') ? true : undefined), 180_000, 250).catch((err: unknown) => {
      throw new Error(`npm start did not get ready:\n${stdout}\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${partial}`, { cause: err });
    });
    const started = (service: string) => lines.find((l) => l.service === service && l.msg === 'ready')?.childPid;
    const appPids = ['inventory-simulator', 'indexer', 'search-api'].map(started);
    expect(appPids.every((pid) => pid !== undefined)).toBe(true);
    pids.push(...appPids.flatMap((pid) => pid ?? []));
    expect(lines.some((l) => l.service === 'memcached' && l.msg.startsWith('started'))).toBe(true);
    expect(lines.some((l) => l.service === 'elasticsearch' && l.msg.startsWith('already running'))).toBe(true);
    const memcachedPidFile = join(stackDir, 'pids', 'memcached.pid');
    const firstMemcached = Number(readFileSync(memcachedPidFile, 'utf8'));
    pids.push(firstMemcached);

    // The indexer dies: reported with its signal, restarted after the first backoff step, ready again.
    const oldIndexer = started('indexer') ?? 0;
    const mark = lines.length;
    process.kill(oldIndexer, 'SIGKILL');
    await logged('indexer', /^was killed by SIGKILL; restarting in 1 s/, mark);
    const back = await logged('indexer', /^restarted and ready$/, mark);
    expect(back.childPid).not.toBe(oldIndexer);
    if (back.childPid) pids.push(back.childPid);
    expect((await fetch(`http://127.0.0.1:${indexer}/readyz`)).status).toBe(200);

    // Memcached (started by this run) dies: restarted on the same port.
    const mark2 = lines.length;
    process.kill(firstMemcached, 'SIGKILL');
    await logged('memcached', /^was killed by SIGKILL; restarting in 1 s/, mark2);
    await logged('memcached', /^restarted and ready$/, mark2);
    const secondMemcached = Number(readFileSync(memcachedPidFile, 'utf8'));
    pids.push(secondMemcached);
    expect(secondMemcached).not.toBe(firstMemcached);
    expect(await memcachedReady('127.0.0.1', memcachedPort)).toBe(true);

    // SIGTERM to npm: every process and the Memcached this run started are gone within the bound.
    const stopAt = Date.now();
    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    const alive = () => pids.filter((pid) => isAlive(pid));
    await eventually(async () => (alive().length === 0 ? true : undefined), SHUTDOWN_BOUND_MS, 100).catch(() => undefined);
    expect(alive()).toEqual([]);
    expect(Date.now() - stopAt).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(await memcachedReady('127.0.0.1', memcachedPort)).toBe(false);
    // The shared Elasticsearch was used, not stopped.
    expect((await es.cluster.health()).status).not.toBe('red');
  }, 360_000);
});
