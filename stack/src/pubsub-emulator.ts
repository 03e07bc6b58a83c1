import { access, mkdir, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { ensureService, type EnsureResult, type ServiceOptions } from './ensure-service';
import { findJavaHome } from './java';
import { logFile, pidFile, stackPaths } from './paths';
import { findExecutable, livePid, parseHostPort, spawnDetached, stopFromPidFile, writePid } from './process-utils';
import { httpGet } from './probes';

/** Address used when PUBSUB_EMULATOR_HOST is not set. */
export const PUBSUB_DEFAULT_HOST = '127.0.0.1:8085';

const SERVICE = 'pubsub-emulator';
/** Present in the emulator's command line both before and after its start script execs java. */
const MARKER = 'cloud-pubsub-emulator';
const RELATIVE_BIN = join('platform', 'pubsub-emulator', 'bin', 'cloud-pubsub-emulator');
const SDK_ROOTS = ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk', '/opt/google-cloud-sdk'];

/** Where the emulator is expected, from PUBSUB_EMULATOR_HOST. */
export function pubsubAddress(env: NodeJS.ProcessEnv = process.env): { address: string; host: string; port: number } {
  const address = env.PUBSUB_EMULATOR_HOST || PUBSUB_DEFAULT_HOST;
  const { host, port } = parseHostPort(address, 8085);
  return { address, host, port };
}

/** Whether the emulator at host:port answers its root URL with 200 "Ok". */
export async function pubsubReady(host: string, port: number): Promise<boolean> {
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const response = await httpGet(`http://${authority}/`);
  return response?.status === 200 && response.body.trim().startsWith('Ok');
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of the installed emulator's start script, or an error saying how to install it. */
export async function findPubsubEmulator(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const roots = [...(env.CLOUDSDK_ROOT_DIR ? [env.CLOUDSDK_ROOT_DIR] : []), ...SDK_ROOTS];
  const gcloud = await findExecutable('gcloud');
  if (gcloud) roots.push(dirname(dirname(await realpath(gcloud))));
  for (const root of roots) {
    const candidate = join(root, RELATIVE_BIN);
    if (await executable(candidate)) return candidate;
  }
  throw new Error(
    'Pub/Sub emulator not installed: run `apt-get install -y google-cloud-cli-pubsub-emulator` (Google Cloud apt repo) or `gcloud components install pubsub-emulator`',
  );
}

/**
 * The environment that sets the emulator's JVM heap (`CLOUD_PUBSUB_EMULATOR_OPTS`, which its start script passes to java
 * after `JAVA_OPTS`). The emulator holds every message not yet acknowledged in its heap, and near the limit it spends
 * its time collecting garbage: a million products seeded faster than they are indexed reach the JVM's default of a
 * quarter of the memory and slow indexing down (end to end 1,265 s with that default, 1,066 s with half; SKPL NF-SCAL-10). So the
 * default is half the machine's memory, a cap rather than a reservation; `heapMb` sets it, and JVM options the
 * environment already gives the script are left alone. Pure.
 */
export function emulatorJvmEnv(env: NodeJS.ProcessEnv, totalMemBytes: number, heapMb?: number): { CLOUD_PUBSUB_EMULATOR_OPTS?: string } {
  if (heapMb === undefined && (env.JAVA_OPTS || env.CLOUD_PUBSUB_EMULATOR_OPTS)) return {};
  return { CLOUD_PUBSUB_EMULATOR_OPTS: `-Xmx${heapMb ?? Math.floor(totalMemBytes / 2 / 2 ** 20)}m` };
}

async function spawnEmulator(host: string, port: number, env: NodeJS.ProcessEnv, watch: ServiceOptions['watch']): Promise<number> {
  const bin = await findPubsubEmulator(env);
  const javaHome = await findJavaHome(env);
  // The emulator has no data-dir flag; its working directory is where anything it writes lands.
  await mkdir(stackPaths.pubsubData, { recursive: true });
  const pid = spawnDetached({
    command: bin,
    args: [`--host=${host}`, `--port=${port}`],
    cwd: stackPaths.pubsubData,
    env: { ...process.env, JAVA_HOME: javaHome, PATH: `${join(javaHome, 'bin')}:${process.env.PATH ?? ''}`, ...emulatorJvmEnv(process.env, totalmem()) },
    logFile: logFile(SERVICE),
    watch,
  });
  await writePid(pidFile(SERVICE), pid);
  return pid;
}

/** Makes sure the Pub/Sub emulator answers at PUBSUB_EMULATOR_HOST, starting it natively if needed. */
export function ensurePubsubEmulator(options: ServiceOptions, log: Logger): Promise<EnsureResult> {
  const env = options.env ?? process.env;
  const { address, host, port } = pubsubAddress(env);
  return ensureService(
    {
      name: SERVICE,
      address,
      host,
      port,
      timeoutMs: options.timeoutMs ?? 30_000,
      logFile: logFile(SERVICE),
      ready: () => pubsubReady(host, port),
      ourPid: () => livePid(pidFile(SERVICE), MARKER),
      addressArg: `--port=${port}`,
      start: () => spawnEmulator(host, port, env, options.watch),
    },
    log,
  );
}

/** Stops the emulator this stack started (SIGKILL after `graceMs`); returns whether one was running. */
export function stopPubsubEmulator(log: Logger, graceMs?: number): Promise<boolean> {
  return stopFromPidFile(SERVICE, pidFile(SERVICE), MARKER, log, [], graceMs);
}
