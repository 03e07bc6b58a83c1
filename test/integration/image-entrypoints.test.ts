import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologyNames } from '@catalog/contract';
import { deleteTopology } from '../../stack/src/pubsub-topology';
import { bundle, entryFile, type EntryName } from '../../deploy/image/bundle';
import { eventually, freePort, randomSuffix, stackClients } from './helpers';

// What the container images run, checked without a Docker engine: the same bundle the Dockerfile's build
// stage makes, laid out as in the image (bin/, the assets, node_modules beside them), started with node.
const root = resolve(import.meta.dirname, '../..');
const image = mkdtempSync(join(tmpdir(), 'catalog-image-'));
const children: ChildProcess[] = [];
const token = 'image-test-token-0123456789';

function run(entry: EntryName, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [entryFile(entry), ...args], {
    cwd: image,
    env: { PATH: process.env.PATH ?? '', METADATA_SERVER_DETECTION: 'none', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => output };
}

const stackEnv = {
  ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
  PUBSUB_EMULATOR_HOST: process.env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085',
  MEMCACHED_SERVERS: process.env.MEMCACHED_SERVERS ?? '127.0.0.1:11211',
};

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5000) });
const answers = (port: number, path: string) => eventually(async () => ((await get(port, path)).ok ? true : undefined), 30_000);

beforeAll(async () => {
  await bundle(root, image);
  symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'));
}, 60_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(image, { recursive: true, force: true });
});

describe('image entrypoints', () => {
  it('search-api serves its probes, storefront and docs, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const proc = run('search-api', { ...stackEnv, PORT: String(port), ANALYTICS_ENABLED: 'false' });
    await answers(port, '/healthz');
    expect((await get(port, '/')).headers.get('content-type')).toContain('text/html');
    expect((await get(port, '/docs')).status).toBe(200);
    expect((await get(port, '/openapi.json')).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('inventory-simulator serves its probes and the admin page from its SQLite volume', async () => {
    const port = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'catalog-image-data-'));
    const proc = run('inventory-simulator', {
      ...stackEnv,
      PORT: String(port),
      ADMIN_TOKEN: token,
      PUBSUB_NAME_SUFFIX: randomSuffix(),
      INVENTORY_DB_PATH: join(data, 'inventory.sqlite'),
    });
    await answers(port, '/healthz');
    expect((await get(port, '/admin')).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    rmSync(data, { recursive: true, force: true });
  });

  it('the tools image sets up a topology and index on which the indexer image gets ready; reindex CLI runs', async () => {
    const suffix = randomSuffix();
    const alias = `it-image-${suffix}`;
    const env = { ...stackEnv, PUBSUB_NAME_SUFFIX: suffix, INDEX_ALIAS: alias };
    const setup = run('setup-topology', env);
    const { es, pubsub } = stackClients();
    try {
      expect(await setup.exited, setup.output()).toBe(0);
      const names = topologyNames(suffix);
      const [exists] = await pubsub.subscription(names.indexerSubscription).exists();
      expect(exists).toBe(true);
      expect(await es.indices.existsAlias({ name: alias })).toBe(true);
      const port = await freePort();
      const indexer = run('indexer', { ...env, PORT: String(port), ADMIN_TOKEN: token, DEAD_LETTER_INDEX: `${alias}-dead-letters` });
      await answers(port, '/readyz');
      // Consuming: its first pull is counted (a SIGTERM before start-up finished would abort the start).
      await eventually(async () => ((await (await get(port, '/metrics')).text()).includes('indexer_pull_requests_total{') ? true : undefined), 30_000);
      indexer.child.kill('SIGTERM');
      expect(await indexer.exited, indexer.output()).toBe(0);
      const help = run('reindex', stackEnv, ['--help']);
      expect(await help.exited).toBe(0);
      expect(help.output()).toContain('npm run reindex');
      await deleteTopology(pubsub, names);
    } finally {
      const indices = Object.keys(await es.indices.getAlias({ name: alias }, { ignore: [404] }));
      if (indices.length > 0) await es.indices.delete({ index: indices });
      await es.indices.delete({ index: `${alias}-dead-letters` }, { ignore: [404] });
      await pubsub.close();
      await es.close();
    }
  });
});
