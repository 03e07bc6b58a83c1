import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ExitInfo } from './process-utils';
import { describeError } from '@catalog/contract/process';

/** When to restart a process that ended on its own. */
export interface BackoffPolicy {
  /** Delay before the first restart; each further crash in a row doubles it. */
  initialMs: number;
  maxMs: number;
  /** A run at least this long was healthy: the next crash starts again at `initialMs`. */
  stableMs: number;
}

/** `npm start`'s restart policy: 1 s, 2 s, 4 s … up to 30 s; a minute of running resets it. */
export const RESTART_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, stableMs: 60_000 };

/** Delay before restarting after the `crashes`-th crash in a row (1 = the first). */
export function restartDelayMs(crashes: number, policy: BackoffPolicy = RESTART_BACKOFF): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, crashes - 1));
}

/** "exited with code 1" / "was killed by SIGKILL". */
export function describeExit(exit: ExitInfo): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  return exit.code === null ? 'ended' : `exited with code ${exit.code}`;
}

/** One run of a supervised process. */
export interface Run {
  pid?: number;
  /** Resolves when this run ends; never, for a service that someone else now runs. */
  exited: Promise<ExitInfo>;
}

/** Something `npm start` keeps running. */
export interface Supervised {
  name: string;
  /** Starts it again and resolves once it is ready; throws when it cannot (the supervisor tries again later). */
  restart: () => Promise<Run>;
  /** Where its output goes, for the report. */
  logFile: string;
}

/**
 * Restarts what `npm start` started when it ends on its own, with exponential backoff, and reports each crash and
 * restart as one line (`<name>: was killed by SIGKILL; restarting in 1 s`, `<name>: restarted and ready`). `stop()` ends supervision (a pending restart is abandoned) before the processes are stopped.
 */
export class Supervisor {
  private stopping = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly log: Logger,
    private readonly policy: BackoffPolicy = RESTART_BACKOFF,
  ) {}

  /** Watches `first`, the run of `unit` that is up now; the promise settles once supervision has stopped. */
  watch(unit: Supervised, first: Run): Promise<void> {
    return this.keep(unit, first);
  }

  /** Ends supervision: no restart starts after this. */
  stop(): void {
    this.stopping = true;
    this.stopped.abort();
  }

  private async keep(unit: Supervised, first: Run): Promise<void> {
    let run = first;
    let upSince = Date.now();
    let crashes = 0;
    for (;;) {
      const exit = await this.unlessStopped(run.exited);
      if (exit === undefined) return;
      crashes = Date.now() - upSince >= this.policy.stableMs ? 1 : crashes + 1;
      let what = describeExit(exit);
      for (;;) {
        const delayMs = restartDelayMs(crashes, this.policy);
        this.log.warn({ service: unit.name }, `${what}; restarting in ${delayMs / 1000} s (log: ${unit.logFile})`);
        // ref: false, so a pending restart never keeps a stopping `npm start` alive.
        if ((await this.unlessStopped(sleep(delayMs, true, { ref: false }))) === undefined) return;
        try {
          run = await unit.restart();
          break;
        } catch (err) {
          if (this.stopping) return;
          crashes += 1;
          what = `did not come back (${describeError(err)})`;
        }
      }
      if (this.stopping) return;
      upSince = Date.now();
      this.log.info({ service: unit.name, childPid: run.pid }, 'restarted and ready');
    }
  }

  /** `promise`'s value, or undefined as soon as supervision stops. */
  private unlessStopped<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.stopping) return Promise.resolve(undefined);
    const stopped = new Promise<undefined>((resolve) => this.stopped.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    return Promise.race([promise, stopped]);
  }
}
