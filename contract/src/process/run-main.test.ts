import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../config';
import { describeFailure } from './run-main';

describe('describeFailure', () => {
  it('is one line naming every bad variable for a ConfigError', () => {
    const schema = z.object({ PORT: z.coerce.number().int(), LOG_LEVEL: z.enum(['info', 'debug']) });
    let failure = '';
    try {
      loadConfig(schema, { PORT: 'x', LOG_LEVEL: 'loud' });
    } catch (err) {
      failure = describeFailure('indexer', err);
    }
    expect(failure).toMatch(/^indexer: invalid configuration: PORT: .+; LOG_LEVEL: .+$/);
    expect(failure).not.toContain('\n');
  });

  it('keeps the stack and the cause of any other error', () => {
    const failure = describeFailure('reindex', new Error('alias missing', { cause: new Error('404 index_not_found') }));
    expect(failure).toContain('reindex failed: Error: alias missing');
    expect(failure).toContain('404 index_not_found');
    expect(failure).toContain('at ');
  });
});
