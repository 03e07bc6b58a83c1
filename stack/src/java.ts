import { access, readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';

/** A JDK/JRE installation and its major version. */
export interface JavaInstall {
  home: string;
  major: number;
}

/** Message shown whenever a usable Java is missing. */
export const JAVA_INSTALL_HINT = 'install one with `apt-get install -y maven openjdk-17-jdk-headless` (or set JAVA_HOME to a JDK 17 or 21)';

const JVM_DIR = '/usr/lib/jvm';

/** Major version from the JAVA_VERSION line of a JDK `release` file ("1.8.0_x" → 8, "17.0.15" → 17). */
export function parseReleaseFile(text: string): number | undefined {
  const match = /^JAVA_VERSION="([^"]+)"/m.exec(text);
  if (!match?.[1]) return undefined;
  const parts = match[1].split('.');
  const major = Number(parts[0] === '1' ? parts[1] : parts[0]);
  return Number.isInteger(major) ? major : undefined;
}

/**
 * Chooses the Java to run Elasticsearch 8.19 and the emulator with: JAVA_HOME when it is 17+,
 * else 17, then 21, then the lowest other 17+ (newer majors are less likely to be supported).
 */
export function pickJava(installs: JavaInstall[], javaHome: string | undefined): JavaInstall | undefined {
  const fromEnv = installs.find((install) => install.home === javaHome && install.major >= 17);
  if (fromEnv) return fromEnv;
  const usable = installs.filter((install) => install.major >= 17);
  const rank = (major: number): number => (major === 17 ? 0 : major === 21 ? 1 : major);
  return [...usable].sort((a, b) => rank(a.major) - rank(b.major) || a.home.localeCompare(b.home))[0];
}

async function inspect(home: string): Promise<JavaInstall | undefined> {
  try {
    await access(join(home, 'bin', 'java'));
    const major = parseReleaseFile(await readFile(join(home, 'release'), 'utf8'));
    return major === undefined ? undefined : { home: await realpath(home), major };
  } catch {
    return undefined;
  }
}

/** Finds a Java 17+ home on this machine or throws an error saying what to install. */
export async function findJavaHome(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const homes: string[] = [];
  if (env.JAVA_HOME) homes.push(env.JAVA_HOME);
  try {
    for (const entry of (await readdir(JVM_DIR)).sort()) homes.push(join(JVM_DIR, entry));
  } catch {
    // no /usr/lib/jvm on this machine
  }
  const installs: JavaInstall[] = [];
  for (const home of homes) {
    const install = await inspect(home);
    if (install && !installs.some((known) => known.home === install.home)) installs.push(install);
  }
  const javaHome = env.JAVA_HOME ? (await inspect(env.JAVA_HOME))?.home : undefined;
  const picked = pickJava(installs, javaHome);
  if (!picked) throw new Error(`No Java 17+ found: ${JAVA_INSTALL_HINT}`);
  return picked.home;
}
