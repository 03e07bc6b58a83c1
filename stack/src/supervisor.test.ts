import { Writable } from 'node:stream';
import { pino } from 'pino';
import { formatTerminalLine } from '@catalog/contract/process';
import { describe, expect, it } from 'vitest';
import type { ExitInfo } from './process-utils';
import { describeExit, restartDelayMs, Supervisor, type Run } from './supervisor';

/** A run that ends when `end` is called. */
function fakeRun(pid: number): Run & { end: (exit: ExitInfo) => void } {
  let end: (exit: ExitInfo) => void = () => undefined;
  const exited = new Promise<ExitInfo>((resolve) => (end = resolve));
  return { pid, exited, end };
}

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(formatTerminalLine(JSON.parse(String(chunk)))), done()) });
  return { lines, log: pino({ level: 'info' }, sink) };
}

const poll = async (check: () => boolean, timeoutMs = 2000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('restart policy', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it.each([
    [{ code: 1, signal: null }, 'exited with code 1'],
    [{ code: null, signal: 'SIGKILL' }, 'was killed by SIGKILL'],
    [{ code: null, signal: null }, 'ended'],
  ] as const)('describes %o as "%s"', (exit, text) => expect(describeExit(exit)).toBe(text));
});

describe('Supervisor', () => {
  const policy = { initialMs: 10, maxMs: 40, stableMs: 60_000 };

  it('restarts a crashed process, reports the crash and the restart, and retries a failed restart', async () => {
    const { lines, log } = capture();
    const runs = [fakeRun(1), fakeRun(2)];
    let attempts = 0;
    const supervisor = new Supervisor(log, policy);
    void supervisor.watch(
      {
        name: 'indexer',
        logFile: '.local/logs/indexer.log',
        restart: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('readyz answered 503');
          return runs[1] as Run;
        },
      },
      runs[0] as Run,
    );
    runs[0]?.end({ code: null, signal: 'SIGKILL' });
    await poll(() => lines.some((line) => line.startsWith('indexer: restarted')));
    expect(lines).toEqual([
      'indexer: was killed by SIGKILL; restarting in 0.01 s (log: .local/logs/indexer.log)',
      'indexer: did not come back (readyz answered 503); restarting in 0.02 s (log: .local/logs/indexer.log)',
      'indexer: restarted and ready  childPid=2',
    ]);
    supervisor.stop();
  });

  it('restarts nothing once stopped', async () => {
    const { lines, log } = capture();
    const run = fakeRun(1);
    let restarts = 0;
    const supervisor = new Supervisor(log, policy);
    const watching = supervisor.watch({ name: 'search-api', logFile: 'x.log', restart: async () => (restarts++, fakeRun(2)) }, run);
    supervisor.stop();
    run.end({ code: 0, signal: null });
    await watching;
    expect(restarts).toBe(0);
    expect(lines).toEqual([]);
  });
});
