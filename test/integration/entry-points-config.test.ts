import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../stack/src/paths';

// Every entry point people run, started with one bad variable: it prints one line naming that variable (no stack
// trace) and exits 1, before it touches any service.
const dir = mkdtempSync(join(tmpdir(), 'entry-points-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Case = { entry: string; args?: string[]; env: Record<string, string>; name: string; variable: string };
const cases: Case[] = [
  { entry: 'search-api/src/main.ts', env: { LOG_LEVEL: 'loud' }, name: 'search-api', variable: 'LOG_LEVEL' },
  { entry: 'indexer/src/main.ts', env: { ADMIN_TOKEN: 'entry-points-token-0123', ELASTICSEARCH_URL: 'not a url' }, name: 'indexer', variable: 'ELASTICSEARCH_URL' },
  { entry: 'inventory-simulator/src/main.ts', env: { ADMIN_TOKEN: 'short' }, name: 'inventory-simulator', variable: 'ADMIN_TOKEN' },
  { entry: 'indexer/src/reindex/cli.ts', env: { MEMCACHED_SERVERS: 'no port' }, name: 'reindex', variable: 'MEMCACHED_SERVERS' },
  {
    entry: 'inventory-simulator/src/cli.ts',
    args: ['seed', '--count', '1', '--db', join(dir, 'seed.sqlite'), '--publish'],
    env: { PUBSUB_EMULATOR_HOST: 'localhost' },
    name: 'inventory',
    variable: 'PUBSUB_EMULATOR_HOST',
  },
  { entry: 'stack/src/stack-cli.ts', args: ['status'], env: { ELASTICSEARCH_URL: 'not a url' }, name: 'stack', variable: 'ELASTICSEARCH_URL' },
  { entry: 'stack/src/start.ts', env: { INDEXER_REPLICAS: '0' }, name: 'npm start', variable: 'INDEXER_REPLICAS' },
  { entry: 'bench/search-bench.ts', env: { ELASTICSEARCH_URL: 'not a url' }, name: 'search-bench', variable: 'ELASTICSEARCH_URL' },
  { entry: 'bench/algolia-bench.ts', env: { ELASTICSEARCH_URL: 'not a url' }, name: 'algolia-bench', variable: 'ELASTICSEARCH_URL' },
  { entry: 'bench/indexer-bench.ts', env: { LOG_LEVEL: 'verbose' }, name: 'indexer-bench', variable: 'LOG_LEVEL' },
  { entry: 'bench/inventory-admin-publish.ts', env: { ADMIN_TOKEN: 'short' }, name: 'inventory-admin-publish', variable: 'ADMIN_TOKEN' },
];

function run(c: Case): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, c.entry), ...(c.args ?? [])], {
    cwd: repoRoot,
    // Nothing from the test's own environment: only the bad variable (and what a shell always has).
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...c.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('a bad variable at every entry point', () => {
  it.each(cases)('$entry prints one line naming $variable and exits 1', async (c) => {
    const { code, stderr } = await run(c);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    // A list variable names the bad entry too (MEMCACHED_SERVERS.0).
    expect(lines[0]).toMatch(new RegExp(`^${c.name}: invalid configuration: .*\\b${c.variable}(\\.\\d+)?: `));
    expect(code).toBe(1);
  });
});
