import type { Logger } from 'pino';
import { aptInstall } from './apt';
import { ensureService, type EnsureResult, type ServiceOptions } from './ensure-service';
import { logFile, pidFile, stackPaths } from './paths';
import {
  findExecutable,
  isRoot,
  livePid,
  parseHostPort,
  spawnDetached,
  stopFromPidFile,
  writePid,
  type HostPort,
} from './process-utils';
import { tcpExchange } from './probes';

/** Server list used when MEMCACHED_SERVERS is not set. */
export const MEMCACHED_DEFAULT_SERVERS = '127.0.0.1:11211';

const SERVICE = 'memcached';
const EXTRA_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];
const INSTALL_HINT = 'memcached not found: install it with `apt-get install -y memcached`';

/** The first server of a MEMCACHED_SERVERS list ("a:1,b:2", optionally "user:pass@host:port"). */
export function firstMemcachedServer(servers: string): HostPort {
  const first = servers.split(/[\s,]+/).find((entry) => entry !== '');
  if (first === undefined) throw new Error('MEMCACHED_SERVERS is empty');
  const withoutCredentials = first.slice(first.lastIndexOf('@') + 1);
  return parseHostPort(withoutCredentials, 11211);
}

/** Where memcached is expected: the first server of MEMCACHED_SERVERS. */
export function memcachedAddress(env: NodeJS.ProcessEnv = process.env): { address: string; host: string; port: number } {
  const { host, port } = firstMemcachedServer(env.MEMCACHED_SERVERS || MEMCACHED_DEFAULT_SERVERS);
  return { address: `${host}:${port}`, host, port };
}

/** Whether memcached at host:port answers the `version` command. */
export async function memcachedReady(host: string, port: number): Promise<boolean> {
  const answer = await tcpExchange(host, port, 'version\r\n');
  return answer?.startsWith('VERSION') ?? false;
}

/** Path of the memcached binary, installing the Debian package when root and missing. */
export async function findMemcached(log: Logger): Promise<string> {
  const found = await findExecutable('memcached', EXTRA_DIRS);
  if (found) return found;
  if (!isRoot()) throw new Error(INSTALL_HINT);
  await aptInstall(['memcached'], INSTALL_HINT, log);
  const installed = await findExecutable('memcached', EXTRA_DIRS);
  if (!installed) throw new Error(INSTALL_HINT);
  return installed;
}

async function spawnMemcached(host: string, port: number, options: ServiceOptions, log: Logger): Promise<number> {
  const bin = await findMemcached(log);
  const args = ['-l', host, `--port=${port}`, '-m', '64', '-U', '0', ...(isRoot() ? ['-u', 'nobody'] : [])];
  const pid = spawnDetached({ command: bin, args, cwd: stackPaths.local, env: process.env, logFile: logFile(SERVICE), watch: options.watch });
  await writePid(pidFile(SERVICE), pid);
  return pid;
}

/** Makes sure memcached answers at the first MEMCACHED_SERVERS entry, starting it natively if needed. */
export function ensureMemcached(options: ServiceOptions, log: Logger): Promise<EnsureResult> {
  const { address, host, port } = memcachedAddress(options.env ?? process.env);
  return ensureService(
    {
      name: SERVICE,
      address,
      host,
      port,
      timeoutMs: options.timeoutMs ?? 30_000,
      logFile: logFile(SERVICE),
      ready: () => memcachedReady(host, port),
      ourPid: () => livePid(pidFile(SERVICE), SERVICE),
      addressArg: `--port=${port}`,
      provision: async () => {
        await findMemcached(log);
      },
      start: () => spawnMemcached(host, port, options, log),
    },
    log,
  );
}

/** Stops the memcached this stack started (SIGKILL after `graceMs`); returns whether one was running. */
export function stopMemcached(log: Logger, graceMs?: number): Promise<boolean> {
  return stopFromPidFile(SERVICE, pidFile(SERVICE), SERVICE, log, [], graceMs);
}
