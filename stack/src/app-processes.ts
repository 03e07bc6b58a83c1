import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { displayPath, repoRoot, stackPaths } from './paths';
import { tailFile, type ExitInfo } from './process-utils';

/** Grace a stopping process gets between SIGTERM and SIGKILL. */
export const APP_STOP_GRACE_MS = 10_000;

/** One of the project's own processes (search-api, indexer, inventory-simulator) run by `npm start` or a test. */
export type AppProcess = {
  name: string;
  port: number;
  pid: number | undefined;
  /** Path of its log file, relative to the repository when inside it. */
  logFile: string;
  /** Resolves once the process has ended. */
  exited: Promise<ExitInfo>;
  /** Running until then. */
  running: () => boolean;
  /** SIGTERM (or `signal`), SIGKILL after `graceMs`; resolves with the exit code once it has ended. */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<number | null>;
};

/** A warning or error a child logged, or a line it wrote that is not a JSON log line (a crash's stack trace). */
export type ChildNotice = { level: 'warn' | 'error'; message: string };

export type AppProcessSpec = {
  name: string;
  /** Workspace folder holding src/main.ts. */
  workspace: 'search-api' | 'indexer' | 'inventory-simulator';
  port: number;
  env: NodeJS.ProcessEnv;
  /** Defaults to .local/logs/<name>.log; every line the process writes goes there, JSON as written. */
  logFile?: string;
  /** Receives the warnings and errors among those lines (what `npm start` shows in the terminal). */
  onNotice?: (notice: ChildNotice) => void;
};

/** The part of a pino JSON line a notice needs. */
const PinoLine = z.object({ level: z.number(), msg: z.string().default(''), err: z.object({ message: z.string().optional() }).optional() });

/** Non-JSON lines passed on per process start: enough for a crash's message and the top of its stack. */
const MAX_PLAIN_NOTICES = 12;

/**
 * The notice a child's output line carries, if any: pino lines at warn (40) or above become one line with the
 * error's message; other text (a crash, a Node warning) passes as it is; info and debug lines stay in the file.
 */
export function noticeOf(line: string): ChildNotice | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  if (!text.startsWith('{')) return { level: 'error', message: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { level: 'error', message: text };
  }
  const entry = PinoLine.safeParse(parsed);
  if (!entry.success || entry.data.level < 40) return undefined;
  const { level, msg, err } = entry.data;
  return { level: level >= 50 ? 'error' : 'warn', message: err?.message ? `${msg}: ${err.message}` : msg };
}

function watchLines(stream: Readable | null, onNotice: (notice: ChildNotice) => void, plain: { left: number }): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    const notice = noticeOf(line);
    if (!notice) return;
    const isPlain = !line.trimStart().startsWith('{');
    if (isPlain && plain.left <= 0) return;
    if (isPlain) plain.left -= 1;
    onNotice(notice);
  });
}

/** Start `<workspace>/src/main.ts` under tsx with its output appended to a log file. */
export function startAppProcess(spec: AppProcessSpec): AppProcess {
  mkdirSync(stackPaths.logs, { recursive: true });
  const file = spec.logFile ?? join(stackPaths.logs, `${spec.name}.log`);
  const log = createWriteStream(file, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, spec.workspace, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...spec.env, PORT: String(spec.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in a terminal reaches only `npm start`, which then stops it in order.
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (spec.onNotice) {
    const plain = { left: MAX_PLAIN_NOTICES };
    watchLines(child.stdout, spec.onNotice, plain);
    watchLines(child.stderr, spec.onNotice, plain);
  }
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A failed spawn emits 'error' and no 'exit'.
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: spec.name,
    port: spec.port,
    pid: child.pid,
    logFile: displayPath(file),
    exited,
    running,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = APP_STOP_GRACE_MS) {
      if (running()) child.kill(signal);
      const killer = new AbortController();
      void sleep(graceMs, undefined, { signal: killer.signal }).then(
        () => child.kill('SIGKILL'),
        () => undefined,
      );
      const { code } = await exited;
      killer.abort();
      log.end();
      return code;
    },
  };
}

/** Resolve once `GET url` answers 200, or throw after `timeoutMs` (also when the process died). */
export async function waitForReady(url: string, proc: AppProcess | undefined, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (proc && !proc.running()) {
      const { code, signal } = await proc.exited;
      // The tail goes into the message: a test's folder (and the log in it) may be removed before anyone reads it.
      const tail = await tailFile(resolve(repoRoot, proc.logFile), 20);
      throw new Error(`${proc.name} exited with ${signal ?? `code ${code}`} before it was ready (see ${proc.logFile})${tail ? `\n--- last lines ---\n${tail}` : ''}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}
