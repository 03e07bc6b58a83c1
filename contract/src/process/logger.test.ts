import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('never writes the admin token or an authorization header', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('test', 'info', sink);
    log.info({ config: { ADMIN_TOKEN: 'secret-one' }, req: { headers: { authorization: 'Bearer secret-two' } }, token: 'secret-three' }, 'x');
    const out = lines.join('');
    expect(out).not.toMatch(/secret-(one|two|three)/);
    expect(out).toContain('[redacted]');
  });

  it('tags every line with the service name', () => {
    expect(createLogger('indexer', 'silent').bindings()).toMatchObject({ service: 'indexer' });
  });
});
