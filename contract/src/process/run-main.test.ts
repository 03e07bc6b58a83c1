import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../config';
import { describeError, describeFailure } from './run-main';

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

  it('starts any other error with one line of its causes, then its stack unless told not to', () => {
    const err = new Error('alias missing', { cause: new Error('404 index_not_found') });
    const failure = describeFailure('reindex', err);
    expect(failure.split('\n')[0]).toBe('reindex failed: alias missing: 404 index_not_found');
    expect(failure).toContain('    at ');
    expect(describeFailure('npm start', err, false)).toBe('npm start failed: alias missing: 404 index_not_found');
  });
});

describe('describeError', () => {
  it('joins first lines of the cause chain without repeating quoted causes', () => {
    const root = new Error('exit code 1\nlots of maven output');
    const mid = new Error('building the analysis plugin failed', { cause: root });
    const top = new Error(`elasticsearch: ${describeError(mid)}`, { cause: mid });
    expect(describeError(top)).toBe('elasticsearch: building the analysis plugin failed: exit code 1');
    expect(describeError('plain')).toBe('plain');
  });
});
