import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPluginSources, needsBuild, planInstall } from './analysis-plugin';

async function module(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stack-plugin-'));
  await mkdir(join(dir, 'src', 'main', 'java'), { recursive: true });
  await mkdir(join(dir, 'src', 'test', 'java'), { recursive: true });
  await writeFile(join(dir, 'pom.xml'), '<project/>');
  await writeFile(join(dir, 'src', 'main', 'java', 'A.java'), 'class A {}');
  return dir;
}

describe('hashPluginSources', () => {
  it('is undefined without a pom.xml', async () => {
    expect(await hashPluginSources(await mkdtemp(join(tmpdir(), 'stack-plugin-')))).toBeUndefined();
  });

  it('is stable, and changes with the pom, a source file, or a rename', async () => {
    const dir = await module();
    const first = await hashPluginSources(dir);
    expect(await hashPluginSources(dir)).toBe(first);

    await writeFile(join(dir, 'src', 'main', 'java', 'A.java'), 'class A { int x; }');
    const edited = await hashPluginSources(dir);
    expect(edited).not.toBe(first);

    await rename(join(dir, 'src', 'main', 'java', 'A.java'), join(dir, 'src', 'main', 'java', 'B.java'));
    const renamed = await hashPluginSources(dir);
    expect(renamed).not.toBe(edited);

    await writeFile(join(dir, 'pom.xml'), '<project><!-- changed --></project>');
    expect(await hashPluginSources(dir)).not.toBe(renamed);
  });

  it('ignores test sources, which never reach the zip', async () => {
    const dir = await module();
    const before = await hashPluginSources(dir);
    await writeFile(join(dir, 'src', 'test', 'java', 'ATest.java'), 'class ATest {}');
    expect(await hashPluginSources(dir)).toBe(before);
  });
});

describe('needsBuild', () => {
  it('builds when sources changed or the zip is missing', () => {
    expect(needsBuild('h1', 'h1', true)).toBe(false);
    expect(needsBuild('h1', 'h0', true)).toBe(true);
    expect(needsBuild('h1', undefined, true)).toBe(true);
    expect(needsBuild('h1', 'h1', false)).toBe(true);
  });
});

describe('planInstall', () => {
  it('does nothing when the installed copy matches the zip', () => {
    expect(planInstall('z1', 'z1', true)).toEqual({ remove: false, install: false });
  });
  it('installs when missing, even if a hash was recorded for a since re-unpacked distribution', () => {
    expect(planInstall('z1', undefined, false)).toEqual({ remove: false, install: true });
    expect(planInstall('z1', 'z1', false)).toEqual({ remove: false, install: true });
  });
  it('replaces an installed copy that differs or is of unknown origin', () => {
    expect(planInstall('z2', 'z1', true)).toEqual({ remove: true, install: true });
    expect(planInstall('z2', undefined, true)).toEqual({ remove: true, install: true });
  });
});
