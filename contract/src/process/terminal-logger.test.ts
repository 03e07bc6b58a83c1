import { describe, expect, it } from 'vitest';
import { formatTerminalLine } from './terminal-logger';

describe('formatTerminalLine', () => {
  it('names the service, keeps plain fields and the error message, leaves nested objects to the JSON logs', () => {
    const line = formatTerminalLine({
      level: 30, time: 1, pid: 7, hostname: 'h', name: 'start', service: 'elasticsearch', msg: 'started; waiting until ready',
      childPid: 5559, log: '.local/logs/elasticsearch.log', topology: { updatesTopic: 'product-updates' },
    });
    expect(line).toBe('elasticsearch: started; waiting until ready  childPid=5559 log=.local/logs/elasticsearch.log');
    expect(formatTerminalLine({ msg: 'indexer could not start', err: { message: 'ECONNREFUSED', stack: '…' } })).toBe(
      'indexer could not start: ECONNREFUSED',
    );
  });
});
