import { access, mkdir, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
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

async function spawnEmulator(host: string, port: number, env: NodeJS.ProcessEnv, watch: ServiceOptions['watch']): Promise<number> {
  const bin = await findPubsubEmulator(env);
  const javaHome = await findJavaHome(env);
  // The emulator has no data-dir flag; its working directory is where anything it writes lands.
  await mkdir(stackPaths.pubsubData, { recursive: true });
  const pid = spawnDetached({
    command: bin,
    args: [`--host=${host}`, `--port=${port}`],
    cwd: stackPaths.pubsubData,
    env: { ...process.env, JAVA_HOME: javaHome, PATH: `${join(javaHome, 'bin')}:${process.env.PATH ?? ''}` },
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
