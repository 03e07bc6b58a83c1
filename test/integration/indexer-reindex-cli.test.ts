import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familiesAlias } from '@catalog/contract';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { toProductDocument } from '../../indexer/src/bulk/to-bulk-operation';
import { repoRoot } from '../../stack/src/paths';
import { randomSuffix, stackClients } from './helpers';
import { product } from './indexer-support';

// `npm run reindex` as an operator runs it: the command, its progress output, its options and their errors.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const DAY_MS = 86_400_000;

const reindexCli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'indexer/src/reindex/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, INDEX_ALIAS: alias, WRITE_TARGETS_POLL_MS: '200', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 170_000,
  });

beforeAll(async () => {
  const { index } = await ensureProductIndex(es, alias);
  const now = Date.now();
  const docs: { id: string; doc: Record<string, unknown> & { version: number } }[] = Array.from({ length: 50 }, (_, i) => {
    const p = product(`cli-${i}`, 3);
    return { id: p.id, doc: toProductDocument(p, { version: 3, occurredAt: p.updatedAt }, new Date(now)) };
  });
  const tombstone = (id: string, ageDays: number) => ({
    id,
    doc: { id, deleted: true, version: 9, updatedAt: new Date(now - ageDays * DAY_MS).toISOString(), indexedAt: new Date(now - ageDays * DAY_MS).toISOString() },
  });
  docs.push(tombstone('cli-gone-old', 30), tombstone('cli-gone-new', 1));
  await es.bulk({
    refresh: true,
    operations: docs.flatMap(({ id, doc }) => [{ index: { _index: index, _id: id, version: doc.version, version_type: 'external' as const } }, doc]),
  });
});

afterAll(async () => {
  await deleteProductIndices(es, alias);
  await es.close();
});

describe('npm run reindex', () => {
  it('rejects a bad option with a message naming it and changes nothing', async () => {
    const before = Object.keys(await es.indices.getAlias({ name: alias }));
    const run = reindexCli('--drop-tombstones-older-than-days', '3');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/dropDays/);
    expect(Object.keys(await es.indices.getAlias({ name: alias }))).toEqual(before);
  });

  it('moves the alias to a new version, keeps the old index, drops only tombstones older than asked', async () => {
    const before = Object.keys(await es.indices.getAlias({ name: alias }));
    const run = reindexCli('--drop-tombstones-older-than-days', '8', '--batch-size', '20');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Reindexed \d+ documents/);
    expect(run.stdout).toContain('roll back:');
    const after = Object.keys(await es.indices.getAlias({ name: alias }));
    expect(after).not.toEqual(before);
    expect(await es.indices.exists({ index: before })).toBe(true);
    const [target] = after;
    const ids = (await es.search({ index: target, size: 100, _source: false })).hits.hits.map((h) => h._id);
    expect(ids).toHaveLength(51);
    expect(ids).toContain('cli-gone-new');
    expect(ids).not.toContain('cli-gone-old');
    expect((await es.get({ index: alias, id: 'cli-7' }))._version).toBe(3);
    // Then the families: one per live product (none has a groupId here), in a new index behind the families alias.
    expect(run.stdout).toMatch(/Rebuilt 50 families from 50 products into .*-families-v\d+/);
    expect((await es.count({ index: familiesAlias(alias) })).count).toBe(50);
  }, 180_000);

  it('--abort with nothing unfinished says so', () => {
    const run = reindexCli('--abort');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('nothing to abort');
  });
});
