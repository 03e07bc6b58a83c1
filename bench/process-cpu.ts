/**
 * CPU time of the other processes on the machine (Linux `/proc`): the Pub/Sub emulator and Elasticsearch share the two
 * cores with what a benchmark measures, so goal 6's CPU per document is read for each of them too. A process whose
 * command line matches is counted (all matches summed); none found = undefined, not 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { commandLine } from '../stack/src/process-utils';

export const PROCESSES = {
  emulator: /cloud-pubsub-emulator/,
  elasticsearch: /org\.elasticsearch\.bootstrap\.Elasticsearch|-Des\.networkaddress/,
} as const;

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

function pidsMatching(pattern: RegExp): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    const command = commandLine(Number(name)); // undefined: the process ended meanwhile
    return command !== undefined && pattern.test(command) ? [Number(name)] : [];
  });
}

/** utime + stime of `/proc/<pid>/stat` in ms (fields 14 and 15, counted after the command's closing parenthesis). */
export function parseStatCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms of one process so far; undefined when it is not running (or this is not Linux). */
export function pidCpuMs(pid: number): number | undefined {
  try {
    return parseStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Summed CPU ms of the processes matching `pattern` now; undefined when none runs here. */
export function processCpuMs(pattern: RegExp): number | undefined {
  const pids = pidsMatching(pattern);
  if (pids.length === 0) return undefined;
  return pids.reduce((total, pid) => total + (pidCpuMs(pid) ?? 0), 0);
}

/** Starts counting the named processes' CPU; `stop()` gives each one's ms since (undefined when not found). */
export function countProcessCpu(): { stop: () => Record<keyof typeof PROCESSES, number | undefined> } {
  const start = Object.fromEntries(Object.entries(PROCESSES).map(([name, re]) => [name, processCpuMs(re)]));
  return {
    stop: () => {
      const delta = (name: keyof typeof PROCESSES): number | undefined => {
        const before = start[name];
        const now = processCpuMs(PROCESSES[name]);
        return before === undefined || now === undefined ? undefined : now - before;
      };
      return { emulator: delta('emulator'), elasticsearch: delta('elasticsearch') };
    },
  };
}
