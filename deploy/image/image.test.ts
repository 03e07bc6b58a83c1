import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle, ENTRIES, entryFile, type BundleResult } from './bundle';
import { dockerIgnored, effective, ignorePatterns, lineage, parseDockerfile } from './dockerfile';
import { TARGETS } from './targets';

const root = resolve(import.meta.dirname, '../..');
const stages = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const ignore = ignorePatterns(readFileSync(join(root, '.dockerignore'), 'utf8'));
const workspaces: string[] = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;

const contextCopies = stages.flatMap((s) => s.instructions.filter((i) => i.op === 'COPY' && i.flags.from === undefined).map((i) => ({ stage: s.name, sources: i.args.slice(0, -1) })));

describe('.dockerignore', () => {
  it.each(['node_modules/hono/package.json', 'search-api/node_modules/x/index.js', '.local/inventory.sqlite', '.local/logs/indexer.log', '.git/HEAD', 'search-api/src/app.test.ts', 'README.md'])(
    'keeps %s out of the build context',
    (path) => expect(dockerIgnored(ignore, path)).toBe(true),
  );

  it('keeps every file the Dockerfile copies from the context, and they exist', () => {
    for (const { sources } of contextCopies)
      for (const source of sources) {
        expect(existsSync(join(root, source)), source).toBe(true);
        expect(dockerIgnored(ignore, source.replace(/\/$/, '')), source).toBe(false);
      }
  });
});

describe('Dockerfile', () => {
  it.each(['deps', 'build'])('%s stage copies every workspace manifest, so npm ci installs from the lock file', (name) => {
    const copied = contextCopies.filter((c) => c.stage === name).flatMap((c) => c.sources);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', ...workspaces.map((w) => `${w}/package.json`)]));
  });

  it('runs as a numeric non-root user on a distroless base, with production dependencies only', () => {
    const runtime = lineage(stages, 'runtime');
    expect(runtime.at(-1)?.from).toMatch(/^gcr\.io\/distroless\/nodejs20-debian12:nonroot$/);
    const user = effective(stages, 'runtime', 'USER')?.args[0] ?? '';
    // Numeric, so that Kubernetes' runAsNonRoot can verify it.
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    const copies = runtime.flatMap((s) => s.instructions.filter((i) => i.op === 'COPY'));
    expect(copies.find((c) => c.args.at(-1) === './node_modules')?.flags.from).toBe('deps');
    expect(effective(stages, 'deps', 'RUN')?.raw).toContain('npm ci --omit=dev');
  });

  it.each(Object.entries(TARGETS))('target %s runs its bundle entry and exposes the configured default port', (target, { entry, port }) => {
    expect(lineage(stages, target).map((s) => s.name)).toContain('runtime');
    expect(effective(stages, target, 'CMD')?.args).toEqual([entryFile(entry)]);
    expect(effective(stages, target, 'ENTRYPOINT')).toBeUndefined(); // distroless: node is the entrypoint
    expect(stages.find((s) => s.name === target)?.instructions.find((i) => i.op === 'EXPOSE')?.args).toEqual(port === undefined ? undefined : [String(port)]);
  });
});

describe('bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'catalog-bundle-'));
  let result: BundleResult | undefined;
  const built = async () => (result ??= await bundle(root, out));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one file per entry and the pages and mapping files the services read', async () => {
    const { files, assets } = await built();
    expect(files).toEqual(Object.keys(ENTRIES).map((name) => `bin/${name}.mjs`));
    for (const file of files) expect(existsSync(join(out, file)), file).toBe(true);
    expect(assets).toEqual(expect.arrayContaining(['mappings/products.json', 'mappings/synonyms.txt', 'search-api/src/pages/storefront-page.html', 'inventory-simulator/src/pages/admin.html']));
  });

  it('reads only files that the build context holds and the build stage copies', async () => {
    const { inputs, assets } = await built();
    const copied = contextCopies.filter((c) => c.stage === 'build').flatMap((c) => c.sources);
    for (const file of [...inputs, ...assets]) {
      expect(dockerIgnored(ignore, file), file).toBe(false);
      expect(copied.some((source) => file === source || file.startsWith(source.endsWith('/') ? source : `${source}/`)), file).toBe(true);
    }
  });
});
