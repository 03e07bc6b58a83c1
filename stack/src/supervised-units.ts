import type { Logger } from 'pino';
import { startAppProcess, waitForReady, type AppProcess, type AppProcessSpec } from './app-processes';
import { displayPath, logFile } from './paths';
import type { ExitInfo, ProcessWatch } from './process-utils';
import { ensureServices, type ServiceName } from './services';
import { setupTopology } from './setup-topology';
import type { Run, Supervised } from './supervisor';

/** One of the project's processes under `npm start`: its current run and how to start it (again). */
export class SupervisedApp implements Supervised {
  readonly name: string;
  readonly logFile: string;
  private current: AppProcess | undefined;

  constructor(
    private readonly spec: AppProcessSpec,
    private readonly readyTimeoutMs: number,
  ) {
    this.name = spec.name;
    this.logFile = displayPath(spec.logFile ?? logFile(spec.name));
  }

  /** Starts it and resolves once `/readyz` answers 200; a run that never gets ready is stopped before this throws. */
  async restart(): Promise<Run> {
    const proc = startAppProcess(this.spec);
    this.current = proc;
    try {
      await waitForReady(`http://127.0.0.1:${this.spec.port}/readyz`, proc, this.readyTimeoutMs);
    } catch (err) {
      await proc.stop('SIGKILL');
      throw err;
    }
    return { pid: proc.pid, exited: proc.exited };
  }

  /** The current run, if it is still running. */
  running(): AppProcess | undefined {
    return this.current?.running() ? this.current : undefined;
  }
}

type Deferred = { promise: Promise<ExitInfo>; resolve: (exit: ExitInfo) => void };
const deferred = (): Deferred => {
  let resolve: (exit: ExitInfo) => void = () => undefined;
  const promise = new Promise<ExitInfo>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * The local services as `npm start` sees them: which ones this run started (and so stops), and for each a
 * supervised unit. A service someone else runs is used, never stopped or restarted.
 */
export class OwnedServices {
  /** Services this run spawned: marked the moment the process exists, so Ctrl-C during a slow start stops it too. */
  readonly owned = new Set<ServiceName>();
  private readonly exits = new Map<ServiceName, Deferred>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Logger,
  ) {}

  /** Callbacks for the copy of `name` about to be ensured. */
  watch(name: ServiceName): ProcessWatch {
    const exit = deferred();
    this.exits.set(name, exit);
    return { spawned: () => this.owned.add(name), exited: exit.resolve };
  }

  /** Ensures every service (starting what does not answer); returns the runs of those this call started. */
  async ensureAll(): Promise<Map<ServiceName, Run>> {
    const results = await ensureServices({ env: this.env }, this.log, undefined, (name) => this.watch(name));
    const runs = new Map<ServiceName, Run>();
    for (const [name, result] of Object.entries(results) as [ServiceName, (typeof results)[ServiceName]][]) {
      if (!result) continue;
      // A copy this call started has already said so ("started", "ready").
      if (!result.started) this.log.info({ service: name, address: result.address }, 'already running, used as it is');
      const exit = this.exits.get(name);
      if (result.started && exit) runs.set(name, { pid: result.pid, exited: exit.promise });
    }
    return runs;
  }

  /** The supervised unit of a service this run started. */
  unit(name: ServiceName): Supervised {
    return {
      name,
      logFile: displayPath(logFile(name)),
      restart: async () => {
        const result = (await ensureServices({ env: this.env }, this.log, [name], (n) => this.watch(n)))[name];
        // The emulator keeps topics and subscriptions in memory: a new one starts empty.
        if (name === 'pubsub-emulator') await setupTopology(this.env, this.log);
        const exit = this.exits.get(name);
        if (result?.started && exit) return { pid: result.pid, exited: exit.promise };
        // Someone else's copy answers now: use it, and leave it alone from here on.
        this.owned.delete(name);
        return { exited: new Promise<ExitInfo>(() => undefined) };
      },
    };
  }
}
