import { describe, expect, it } from 'vitest';
import { parseStatCpuMs, processCpuMs } from './process-cpu';

describe('process CPU from /proc', () => {
  it('reads utime + stime after the command, whatever the command contains', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = '4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 30 0';
    expect(parseStatCpuMs(stat)).toBe(2870);
  });

  it('finds this test process and counts its CPU', () => {
    const ms = processCpuMs(new RegExp(`vitest`));
    expect(ms).toBeGreaterThan(0);
    expect(processCpuMs(/no-such-process-anywhere-\d{40}/)).toBeUndefined();
  });
});
