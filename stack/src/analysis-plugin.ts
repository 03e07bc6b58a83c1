import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { JAVA_INSTALL_HINT } from './java';
import { stackPaths } from './paths';
import { findExecutable, runChecked } from './process-utils';

/** Name under which Elasticsearch lists the plugin (the artifactId of the Maven module). */
export const PLUGIN_NAME = 'catalog-analysis';

/** How Elasticsearch's own tools are run: as a dedicated user when we are root. */
export interface EsRunner {
  esHome: string;
  javaHome: string;
  /** System user to run as (via runuser), or undefined to run as ourselves. */
  user: string | undefined;
}

/** Hex sha256 of a file's content. */
export async function hashFile(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Hash of `pom.xml` and everything under `src/` except `src/test/` (which never reaches the zip), paths included
 * so renames count; undefined without a pom.
 */
export async function hashPluginSources(moduleDir: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    hash.update('pom.xml\0').update(await readFile(join(moduleDir, 'pom.xml')));
  } catch {
    return undefined;
  }
  let files: string[] = [];
  try {
    const testDir = join(moduleDir, 'src', 'test');
    files = (await listFiles(join(moduleDir, 'src'))).filter((file) => !file.startsWith(testDir + sep));
  } catch {
    // a module without sources yet still has a hashable pom
  }
  for (const file of files) hash.update(`\0${relative(moduleDir, file)}\0`).update(await readFile(file));
  return hash.digest('hex');
}

/** Whether the plugin must be (re)built: sources changed since the last build, or its zip is gone. */
export function needsBuild(sourceHash: string, builtHash: string | undefined, zipExists: boolean): boolean {
  return !zipExists || sourceHash !== builtHash;
}

/** What to do with the installed copy given the zip's hash and what was installed last. */
export function planInstall(
  zipHash: string,
  installedHash: string | undefined,
  pluginDirExists: boolean,
): { remove: boolean; install: boolean } {
  if (pluginDirExists && installedHash === zipHash) return { remove: false, install: false };
  return { remove: pluginDirExists, install: true };
}

async function readState(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The newest `catalog-analysis-*.zip` under the module's target/, if any. */
export async function findPluginZip(moduleDir: string): Promise<string | undefined> {
  const target = join(moduleDir, 'target');
  let names: string[];
  try {
    names = (await readdir(target)).filter((name) => /^catalog-analysis-.*\.zip$/.test(name));
  } catch {
    return undefined;
  }
  const withTimes = await Promise.all(names.map(async (name) => ({ name, mtime: (await stat(join(target, name))).mtimeMs })));
  const newest = withTimes.sort((a, b) => b.mtime - a.mtime)[0];
  return newest ? join(target, newest.name) : undefined;
}

/** Runs one of Elasticsearch's bin/ tools, as the ES user when needed. */
export function runEsTool(runner: EsRunner, tool: string, args: string[]): Promise<string> {
  const bin = join(runner.esHome, 'bin', tool);
  const env = { ...process.env, ES_JAVA_HOME: runner.javaHome };
  return runner.user
    ? runChecked('runuser', ['-u', runner.user, '--', bin, ...args], { cwd: runner.esHome, env })
    : runChecked(bin, args, { cwd: runner.esHome, env });
}

/**
 * Builds the analysis plugin when its sources changed and installs it into the distribution when it
 * is missing or differs from the built zip. Skips with a warning while the module does not exist yet.
 */
export async function preparePlugin(runner: EsRunner, log: Logger, moduleDir = stackPaths.analysisPluginModule): Promise<void> {
  const sourceHash = await hashPluginSources(moduleDir);
  if (sourceHash === undefined) {
    log.warn({ moduleDir }, 'analysis plugin module (pom.xml) not found yet; starting Elasticsearch without it');
    return;
  }
  await mkdir(stackPaths.pluginState, { recursive: true });
  const builtHashFile = join(stackPaths.pluginState, 'sources.sha256');
  let zip = await findPluginZip(moduleDir);
  if (needsBuild(sourceHash, await readState(builtHashFile), zip !== undefined)) {
    const mvn = await findExecutable('mvn');
    if (!mvn) throw new Error(`Maven (mvn) not found to build the analysis plugin: ${JAVA_INSTALL_HINT}`);
    log.info({ moduleDir }, 'building analysis plugin');
    try {
      // The module's own tests are its owner's (and CI's) business; the stack only needs the zip, fast.
      await runChecked(mvn, ['-q', '-B', '-f', moduleDir, 'package', '-Dmaven.test.skip=true'], { env: { ...process.env, JAVA_HOME: runner.javaHome } });
    } catch (error) {
      throw new Error('building the analysis plugin failed', { cause: error });
    }
    zip = await findPluginZip(moduleDir);
    if (!zip) throw new Error(`the analysis plugin build produced no ${join(moduleDir, 'target', 'catalog-analysis-*.zip')}`);
    await writeFile(builtHashFile, `${sourceHash}\n`);
  }
  if (!zip) return;

  const zipHash = await hashFile(zip);
  const installedHashFile = join(stackPaths.pluginState, 'installed.sha256');
  const plan = planInstall(zipHash, await readState(installedHashFile), await exists(join(runner.esHome, 'plugins', PLUGIN_NAME)));
  if (plan.remove) {
    log.info('removing outdated analysis plugin');
    await runEsTool(runner, 'elasticsearch-plugin', ['remove', PLUGIN_NAME]);
  }
  if (plan.install) {
    // A copy in .local is readable by the ES user whatever the permissions of the source tree.
    await mkdir(stackPaths.downloads, { recursive: true });
    const copy = join(stackPaths.downloads, `${PLUGIN_NAME}.zip`);
    await copyFile(zip, copy);
    log.info({ zip }, 'installing analysis plugin');
    await runEsTool(runner, 'elasticsearch-plugin', ['install', '--batch', `file://${copy}`]);
    await writeFile(installedHashFile, `${zipHash}\n`);
  }
}

/** Whether the plugin sources differ from the last build (to warn when a running ES is outdated). */
export async function pluginSourcesChanged(moduleDir = stackPaths.analysisPluginModule): Promise<boolean> {
  const sourceHash = await hashPluginSources(moduleDir);
  if (sourceHash === undefined) return false;
  return sourceHash !== (await readState(join(stackPaths.pluginState, 'sources.sha256')));
}
