import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitForReady, type AppProcess } from '../../stack/src/app-processes';

// A process that dies while starting says why in the error itself: chaos and e2e tests remove their folder (and
// the log in it) when they end, so "see the log" alone left a CI failure without its cause.
const dir = mkdtempSync(join(tmpdir(), 'catalog-app-start-'));
let holder: Server | undefined;
let proc: AppProcess | undefined;

afterAll(async () => {
  await proc?.stop('SIGKILL', 0); // ended already, unless the test failed
  holder?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('starting one of the project processes', () => {
  it('fails with the last lines of its log when it exits before it is ready (here: its port is taken)', async () => {
    const server = createServer();
    holder = server;
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    proc = startAppProcess({
      name: 'search',
      workspace: 'search-api',
      port,
      env: { ...process.env, INDEX_ALIAS: 'products-app-start', CACHE_ENABLED: 'false', ANALYTICS_ENABLED: 'false' },
      logFile: join(dir, 'search-1.log'),
    });
    const started = waitForReady(`http://127.0.0.1:${port}/healthz`, proc, 60_000);
    await expect(started).rejects.toThrow(/search exited with code 1 before it was ready[\s\S]*--- last lines ---[\s\S]*EADDRINUSE/);
  });
});
