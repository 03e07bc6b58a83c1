import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, isLocalHost, livePid, parseHostPort, spawnDetached, stopGroup, waitUntilReady, writePid } from './process-utils';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:8085', 1, { host: '127.0.0.1', port: 8085 }],
    ['memcached', 11211, { host: 'memcached', port: 11211 }],
    ['localhost:', 9200, { host: 'localhost', port: 9200 }],
    ['[::1]:11211', 1, { host: '::1', port: 11211 }],
    ['[::1]', 8085, { host: '::1', port: 8085 }],
    ['::1', 8085, { host: '::1', port: 8085 }],
    [' pubsub-emulator:8085 ', 1, { host: 'pubsub-emulator', port: 8085 }],
  ])('parses %s', (value, fallback, expected) => {
    expect(parseHostPort(value, fallback)).toEqual(expected);
  });

  it.each(['', ':8085', 'host:0', 'host:70000', 'host:abc'])('rejects %j', (value) => {
    expect(() => parseHostPort(value, 1)).toThrow();
  });
});

describe('isLocalHost', () => {
  it('accepts loopback names and rejects others', () => {
    expect(['127.0.0.1', 'localhost', 'LOCALHOST', '::1', '127.0.1.1'].every(isLocalHost)).toBe(true);
    expect(['elasticsearch', '10.0.0.5', 'example.com'].some(isLocalHost)).toBe(false);
  });
});

describe('waitUntilReady', () => {
  it('fails after the timeout with the tail of the log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stack-wait-'));
    const logFile = join(dir, 'svc.log');
    await writeFile(logFile, Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n'));
    const error = await waitUntilReady(async () => false, { what: 'svc', timeoutMs: 300, logFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('svc not ready after 0.3 s');
    expect(message).toContain('line 40');
    expect(message).toContain('line 11');
    expect(message).not.toContain('line 10\n');
  });

  it('resolves as soon as the check passes', async () => {
    let calls = 0;
    await waitUntilReady(async () => ++calls >= 2, { what: 'svc', timeoutMs: 5000, logFile: '/nonexistent' });
    expect(calls).toBe(2);
  });
});

describe('detached processes', () => {
  it('starts a process group, recognises it by pid file and marker, and stops it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stack-proc-'));
    const pid = spawnDetached({ command: 'sleep', args: ['30'], cwd: dir, env: process.env, logFile: join(dir, 'sleep.log') });
    const file = join(dir, 'sleep.pid');
    await writePid(file, pid);
    expect(await livePid(file, 'sleep')).toBe(pid);
    expect(await livePid(file, 'not-this-one')).toBeUndefined();
    await stopGroup(pid, [], 5000);
    expect(isAlive(pid)).toBe(false);
    expect(await livePid(file, 'sleep')).toBeUndefined();
  });
});
