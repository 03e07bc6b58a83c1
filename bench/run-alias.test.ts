import { describe, expect, it } from 'vitest';
import { aliasNotice, runAlias } from './run-alias';

describe('runAlias', () => {
  it('gives each run without --alias its own alias: prefix, catalog size and a random suffix', () => {
    const a = runAlias({ prefix: 'relevance', count: 20_000, reuse: false });
    const b = runAlias({ prefix: 'relevance', count: 20_000, reuse: false });
    expect(a).toMatch(/^relevance-20000-[0-9a-f]{6}$/);
    expect(b).toMatch(/^relevance-20000-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    expect(runAlias({ prefix: 'bench-report', count: 100_000, reuse: false }, 'abc123')).toBe('bench-report-100000-abc123');
  });

  it('uses --alias as given, with or without --reuse', () => {
    expect(runAlias({ prefix: 'relevance', count: 3_000, alias: 'my-catalog', reuse: true })).toBe('my-catalog');
    expect(runAlias({ prefix: 'relevance', count: 3_000, alias: 'my-catalog', reuse: false })).toBe('my-catalog');
  });

  it('refuses --reuse without --alias, naming what to pass', () => {
    expect(() => runAlias({ prefix: 'bench-report', count: 100_000, reuse: true })).toThrow(/--reuse needs --alias/);
  });

  it('tells how to reuse a kept catalog', () => {
    expect(aliasNotice('relevance-3000-abc123', { keep: true })).toBe('catalog alias relevance-3000-abc123 (kept: reuse it with --reuse --alias relevance-3000-abc123)');
    expect(aliasNotice('relevance-3000-abc123', { keep: false })).toContain('dropped at the end');
  });
});
