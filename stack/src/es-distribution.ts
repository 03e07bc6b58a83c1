import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { JAVA_INSTALL_HINT } from './java';
import { esHome, stackPaths } from './paths';
import { findExecutable, isRoot, runCommand, runChecked } from './process-utils';

/** Version of the Elasticsearch distribution provided natively (matches the Docker image). */
export const ES_VERSION = '8.19.21';

/** System user that runs Elasticsearch when the stack itself runs as root. */
export const ES_USER = 'catalog-es';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Downloads (via Maven) and unpacks Elastic's integ-test-zip into .local unless already there; returns its home. */
export async function ensureDistribution(javaHome: string, log: Logger, version = ES_VERSION): Promise<string> {
  const home = esHome(version);
  if (await exists(join(home, 'bin', 'elasticsearch'))) return home;

  const zip = join(stackPaths.downloads, `elasticsearch-${version}.zip`);
  if (!(await exists(zip))) {
    const mvn = await findExecutable('mvn');
    if (!mvn) throw new Error(`Maven (mvn) not found to download Elasticsearch: ${JAVA_INSTALL_HINT}`);
    log.info({ version }, 'downloading Elasticsearch integ-test-zip from Maven Central');
    await mkdir(stackPaths.downloads, { recursive: true });
    const artifact = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${version}:zip`;
    try {
      await runChecked(mvn, ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${stackPaths.downloads}`], {
        env: { ...process.env, JAVA_HOME: javaHome },
      });
    } catch (error) {
      throw new Error(`downloading Elasticsearch ${version} failed`, { cause: error });
    }
  }

  const unzip = await findExecutable('unzip');
  if (!unzip) throw new Error('unzip not found: install it with `apt-get install -y unzip`');
  log.info({ zip }, 'unpacking Elasticsearch');
  // Unpack beside the target and rename, so an interrupted unpack never looks like a complete one.
  const staging = join(stackPaths.elasticsearch, `.unpack-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await runChecked(unzip, ['-q', zip, '-d', staging]);
    await rm(home, { recursive: true, force: true });
    await rename(join(staging, `elasticsearch-${version}`), home);
  } catch (error) {
    throw new Error(`unpacking ${zip} failed`, { cause: error });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return home;
}

/**
 * When root, makes sure the system user that Elasticsearch runs as exists and owns the folders ES writes to;
 * returns that user, or undefined when not root (ES then runs as ourselves).
 */
export async function ensureEsUser(home: string, log: Logger): Promise<string | undefined> {
  const writable = [home, stackPaths.esData, stackPaths.esLogs, stackPaths.esRun, stackPaths.esHeapDumps];
  for (const dir of writable) await mkdir(dir, { recursive: true });
  if (!isRoot()) return undefined;

  const lookup = await runCommand('id', ['-u', ES_USER]);
  if (lookup.code !== 0) {
    log.info({ user: ES_USER }, 'creating system user for Elasticsearch (it refuses to run as root)');
    await runChecked('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ES_USER]);
  }
  const uid = Number((await runChecked('id', ['-u', ES_USER])).trim());
  for (const dir of writable) {
    // chown -R of the whole distribution is only needed after an unpack.
    if ((await stat(dir)).uid !== uid) await runChecked('chown', ['-R', `${ES_USER}:`, dir]);
  }
  return ES_USER;
}
