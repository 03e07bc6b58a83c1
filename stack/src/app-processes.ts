import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, stackPaths } from './paths';

/** One of the project's own processes (search-api, indexer, inventory-simulator) run by `npm start` or a test. */
export type AppProcess = { name: string; port: number; child: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<number | null> };

export type AppProcessSpec = {
  name: string;
  /** Workspace folder holding src/main.ts. */
  workspace: 'search-api' | 'indexer' | 'inventory-simulator';
  port: number;
  env: NodeJS.ProcessEnv;
  /** Defaults to .local/logs/<name>.log; the JSON logs stay out of the terminal. */
  logFile?: string;
};

/** Start `<workspace>/src/main.ts` under tsx with its output appended to a log file. */
export function startAppProcess(spec: AppProcessSpec): AppProcess {
  mkdirSync(stackPaths.logs, { recursive: true });
  const log = createWriteStream(spec.logFile ?? join(stackPaths.logs, `${spec.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, spec.workspace, 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...spec.env, PORT: String(spec.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name: spec.name,
    port: spec.port,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 35_000);
      const code = await exited;
      clearTimeout(timer);
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
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode} (see .local/logs/${proc.name}.log)`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}
