import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Logger } from 'pino';

/** A network address split into host and port. */
export interface HostPort {
  host: string;
  port: number;
}

/** Parses `host`, `host:port` or `[v6]:port`; the port defaults to `defaultPort`. */
export function parseHostPort(value: string, defaultPort: number): HostPort {
  const trimmed = value.trim();
  if (trimmed === '') throw new Error('empty address');
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return { host: bracketed[1] ?? '', port: toPort(bracketed[2], defaultPort, value) };
  const parts = trimmed.split(':');
  if (parts.length > 2) return { host: trimmed, port: defaultPort }; // bare IPv6 without brackets
  const [host = '', port] = parts;
  if (host === '') throw new Error(`missing host in address "${value}"`);
  return { host, port: toPort(port, defaultPort, value) };
}

function toPort(raw: string | undefined, fallback: number, whole: string): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port in address "${whole}"`);
  return port;
}

/** Whether a host name points at this machine, i.e. a service there may be started natively. */
export function isLocalHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(host.toLowerCase()) || host.startsWith('127.');
}

/** Whether a process (or, for a negative id, a process group) exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** The command line of a running process, or undefined where /proc is unavailable or the process is gone. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** The arguments of a running process, or undefined where /proc is unavailable or the process is gone. */
export function commandArgs(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
  } catch {
    return undefined;
  }
}

/** Reads a pid file; undefined when missing or malformed. */
export async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a pid file, creating its folder. */
export async function writePid(file: string, pid: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${pid}\n`);
}

/**
 * The live pid recorded in a pid file, if its command line still contains `marker`
 * (so a recycled pid of an unrelated process is never mistaken for ours).
 */
export async function livePid(file: string, marker: string): Promise<number | undefined> {
  const pid = await readPid(file);
  if (pid === undefined || !isAlive(pid)) return undefined;
  const cmd = commandLine(pid);
  return cmd === undefined || cmd.includes(marker) ? pid : undefined;
}

/** How a process ended: its exit code, or the signal that killed it. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Callbacks about a started process: how `npm start` knows what it owns and notices a crashed service. */
export interface ProcessWatch {
  spawned?: (pid: number) => void;
  /** Called when the process ends while this process still runs. */
  exited?: (exit: ExitInfo) => void;
}

/** What to run detached. */
export interface DetachedSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  watch?: ProcessWatch;
}

/** Starts a process in its own process group with output appended to a log file; returns its pid. */
export function spawnDetached(spec: DetachedSpec): number {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // Without this the error event of a failed spawn would crash the process instead of showing in the log.
    child.on('error', () => undefined);
    const exited = spec.watch?.exited;
    if (exited) child.once('exit', (code, signal) => exited({ code, signal }));
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    spec.watch?.spawned?.(child.pid);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops a process group led by `leader` plus any `extra` pids (SIGTERM, then SIGKILL after `graceMs`).
 * Resolves once none of them is alive.
 */
export async function stopGroup(leader: number, extra: number[], graceMs: number): Promise<void> {
  const targets = [-leader, leader, ...extra];
  const anyAlive = (): boolean => targets.some((pid) => isAlive(pid));
  for (const pid of targets) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (anyAlive() && Date.now() < deadline) await sleep(200);
  if (!anyAlive()) return;
  for (const pid of targets) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (anyAlive() && Date.now() < killDeadline) await sleep(100);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `lines` lines of a text file ('' when unreadable). */
export async function tailFile(file: string, lines: number): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** How to wait for a started service. */
export interface WaitSpec {
  what: string;
  timeoutMs: number;
  logFile: string;
  /** Stops waiting early when the started process has died. */
  pid?: number;
}

/** Polls `ready` until it is true; on timeout or early death throws with the last 30 lines of the log. */
export async function waitUntilReady(ready: () => Promise<boolean>, spec: WaitSpec): Promise<void> {
  const deadline = Date.now() + spec.timeoutMs;
  for (;;) {
    if (await ready()) return;
    const died = spec.pid !== undefined && !isAlive(spec.pid);
    if (died || Date.now() >= deadline) {
      const reason = died ? 'exited before becoming ready' : `not ready after ${spec.timeoutMs / 1000} s`;
      const tail = await tailFile(spec.logFile, 30);
      throw new Error(`${spec.what} ${reason} (log: ${spec.logFile})${tail ? `\n--- last lines ---\n${tail}` : ''}`);
    }
    await sleep(250);
  }
}

/** Result of a finished command. */
export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command to completion, collecting stdout and stderr together. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new Error(`could not run ${command}`, { cause: error })));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs a command and throws (with the tail of its output) unless it exits with 0. */
export async function runChecked(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const tail = result.output.trimEnd().split('\n').slice(-30).join('\n');
    throw new Error(`\`${command} ${args.join(' ')}\` failed with exit code ${result.code}\n${tail}`);
  }
  return result.output;
}

/** Full path of an executable found on PATH (or in `extraDirs`), if any. */
export async function findExecutable(name: string, extraDirs: string[] = []): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter((dir) => dir !== '');
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** Whether this process runs as root (services that refuse root need a dedicated user then). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Removes a file if present. */
export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Grace a stopping service gets between SIGTERM and SIGKILL unless the caller says otherwise. */
export const SERVICE_STOP_GRACE_MS = 20_000;

/** Logs and stops a service recorded in a pid file (SIGKILL after `graceMs`); returns whether anything was running. */
export async function stopFromPidFile(
  name: string,
  file: string,
  marker: string,
  log: Logger,
  extraPids: number[] = [],
  graceMs = SERVICE_STOP_GRACE_MS,
): Promise<boolean> {
  const leader = await livePid(file, marker);
  const alive = extraPids.filter((pid) => isAlive(pid));
  const [first, ...rest] = leader === undefined ? alive : [leader, ...alive];
  if (first === undefined) {
    await removeFile(file);
    return false;
  }
  log.info({ service: name, childPid: first }, 'stopping');
  await stopGroup(first, rest, graceMs);
  await removeFile(file);
  log.info({ service: name }, 'stopped');
  return true;
}
