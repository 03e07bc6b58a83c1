import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeadline } from './deadline';

/** Holds the event loop like a loaded machine does: nothing else runs meanwhile. */
const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin */
  }
};

// An echo server in another process (it must answer while this one is busy), like memcached.
const ECHO = `require('node:net').createServer((s) => { s.on('error', () => s.destroy()); s.on('data', (d) => s.write(d)); })
  .listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;
let server: ChildProcess;
let port = 0;
beforeAll(async () => {
  server = spawn(process.execPath, ['-e', ECHO], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(server.stdout ?? server, 'data')) as [Buffer];
  port = Number(chunk.toString().trim());
});
afterAll(() => {
  server.kill();
});

/** One round trip over a connected socket, resolved from its data event (like a memcached reply). */
async function roundTrip(busyMs: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', () => r()));
  try {
    const reply = new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString())));
    socket.write('pong');
    const answer = withDeadline(reply, 20, () => new Error('timeout'));
    // The reply arrives (the other process echoes at once) while this one is busy for longer than the deadline.
    busy(busyMs);
    return await answer;
  } finally {
    socket.end();
  }
}

describe('withDeadline', () => {
  it('an answer that arrived while the process was busy past the deadline still wins', async () => {
    await expect(roundTrip(100)).resolves.toBe('pong');
  });

  it('rejects when nothing came back within the deadline', async () => {
    const never = new Promise<string>(() => {});
    await expect(withDeadline(never, 10, () => new Error('timeout'))).rejects.toThrow('timeout');
  });

  it('passes the result and the failure through', async () => {
    await expect(withDeadline(Promise.resolve(1), 10, () => new Error('timeout'))).resolves.toBe(1);
    await expect(withDeadline(Promise.reject(new Error('down')), 10, () => new Error('timeout'))).rejects.toThrow('down');
  });
});
