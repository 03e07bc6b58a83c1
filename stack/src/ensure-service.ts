import type { Logger } from 'pino';
import { commandArgs, isLocalHost, waitUntilReady, type ProcessWatch } from './process-utils';
import { portOpen } from './probes';

/** Options shared by every service's ensure/start function. */
export interface ServiceOptions {
  /** Where the configured addresses are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Overrides the service's readiness timeout in milliseconds. */
  timeoutMs?: number;
  /** Told when this call starts a copy and when that copy ends (`npm start` stops and restarts what it owns). */
  watch?: ProcessWatch;
}

/** Outcome of ensuring a service: whether this call started it, and where it answers. */
export type EnsureResult = { started: false; address: string } | { started: true; pid: number; address: string };

/** Everything the generic ensure logic needs to know about one service. */
export interface ServiceDefinition {
  name: string;
  /** Human-readable address (URL or host:port). */
  address: string;
  host: string;
  port: number;
  timeoutMs: number;
  logFile: string;
  ready: () => Promise<boolean>;
  /** Pid of the copy this stack started earlier, if it is still alive. */
  ourPid: () => Promise<number | undefined>;
  /** An argument the copy this stack started has exactly when it serves this address (e.g. `--port=8085`). */
  addressArg: string;
  /** Installs what is missing (may start a system service, e.g. a package's postinst). */
  provision?: () => Promise<void>;
  /** Spawns the service detached; returns the pid to wait on. */
  start: () => Promise<number>;
}

/**
 * Leaves a reachable service alone; waits for one that is already starting; otherwise starts it natively
 * (only for addresses on this machine) and waits until it is ready.
 */
export async function ensureService(def: ServiceDefinition, log: Logger): Promise<EnsureResult> {
  if (await def.ready()) {
    log.debug({ service: def.name, address: def.address }, 'already running');
    return { started: false, address: def.address };
  }
  const existing = await def.ourPid();
  if (existing !== undefined) {
    const args = commandArgs(existing);
    if (args !== undefined && !args.includes(def.addressArg)) {
      throw new Error(`the ${def.name} this stack started (pid ${existing}) serves another address than ${def.address}; stop it first (npm run stack:down)`);
    }
    log.info({ service: def.name, childPid: existing }, 'waiting for the copy started earlier');
    await waitUntilReady(def.ready, { what: def.name, timeoutMs: def.timeoutMs, logFile: def.logFile, pid: existing });
    return { started: false, address: def.address };
  }
  if (!isLocalHost(def.host)) {
    throw new Error(`${def.name} is not reachable at ${def.address}, and that address is not on this machine`);
  }
  if (await portOpen(def.host, def.port)) {
    // Something else owns the port (maybe a container still booting): give it the same time a start would get.
    log.info({ service: def.name, address: def.address }, 'port in use but not ready yet; waiting');
    try {
      await waitUntilReady(def.ready, { what: def.name, timeoutMs: def.timeoutMs, logFile: def.logFile });
    } catch (error) {
      throw new Error(`${def.address} is taken by something that does not answer like ${def.name}`, { cause: error });
    }
    return { started: false, address: def.address };
  }
  if (def.provision) {
    await def.provision();
    if (await def.ready()) return { started: false, address: def.address };
  }
  const pid = await def.start();
  log.info({ service: def.name, childPid: pid, log: def.logFile }, 'started; waiting until ready');
  await waitUntilReady(def.ready, { what: def.name, timeoutMs: def.timeoutMs, logFile: def.logFile, pid });
  log.info({ service: def.name, address: def.address }, 'ready');
  return { started: true, pid, address: def.address };
}
