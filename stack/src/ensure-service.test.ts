import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ensureService, type ServiceDefinition } from './ensure-service';

const log = pino({ level: 'silent' });

function definition(overrides: Partial<ServiceDefinition>): ServiceDefinition {
  return {
    name: 'svc',
    address: '127.0.0.1:1',
    host: '127.0.0.1',
    // Port 1 (tcpmux) is closed on any sane machine, so the "port taken" branch is not hit by accident.
    port: 1,
    timeoutMs: 2000,
    logFile: '/nonexistent.log',
    ready: async () => false,
    ourPid: async () => undefined,
    addressArg: '--port=1',
    start: async () => {
      throw new Error('must not start');
    },
    ...overrides,
  };
}

describe('ensureService', () => {
  it('does nothing when the service is reachable', async () => {
    expect(await ensureService(definition({ ready: async () => true }), log)).toEqual({ started: false, address: '127.0.0.1:1' });
  });

  it('refuses to start a service for an address on another machine', async () => {
    await expect(ensureService(definition({ host: 'elasticsearch', address: 'http://elasticsearch:9200' }), log)).rejects.toThrow(
      /not reachable at http:\/\/elasticsearch:9200/,
    );
  });

  it('starts it, waits until ready, and reports the pid', async () => {
    let up = false;
    const result = await ensureService(
      definition({
        ready: async () => up,
        start: async () => {
          setTimeout(() => (up = true), 100);
          return process.pid;
        },
      }),
      log,
    );
    expect(result).toEqual({ started: true, pid: process.pid, address: '127.0.0.1:1' });
  });

  it('waits for a copy it started earlier instead of starting a second one', async () => {
    let calls = 0;
    const addressArg = process.argv[1] ?? '';
    const result = await ensureService(definition({ ready: async () => ++calls > 2, ourPid: async () => process.pid, addressArg }), log);
    expect(result.started).toBe(false);
  });

  it('refuses when the copy it started earlier serves another address', async () => {
    await expect(ensureService(definition({ ourPid: async () => process.pid, addressArg: '--port=65000' }), log)).rejects.toThrow(
      /serves another address/,
    );
  });

  it('skips the start when provisioning brought the service up', async () => {
    let provisioned = false;
    const result = await ensureService(
      definition({ ready: async () => provisioned, provision: async () => void (provisioned = true) }),
      log,
    );
    expect(result.started).toBe(false);
  });
});
