import { describe, expect, it } from 'vitest';
import { countSearches } from './es-counting-proxy';

describe('countSearches', () => {
  const ndjson = (...lines: unknown[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

  it.each([
    ['POST', '/bench/_search', '', 1],
    ['POST', '/bench/_search?typed_keys=true', '', 1],
    ['POST', '/bench-queries/_search', '', 0],
    ['GET', '/_cluster/health', '', 0],
    ['POST', '/_msearch', ndjson({ index: 'bench' }, {}, { index: 'bench' }, {}, { index: 'other' }, {}), 2],
    ['POST', '/bench/_msearch', ndjson({}, {}, {}, {}), 2],
    ['POST', '/bench-families/_search', '', 1],
    ['POST', '/_msearch', ndjson({ index: 'bench-families' }, {}, { index: 'bench' }, {}), 2],
  ])('%s %s → %i', (method, path, body, n) => {
    expect(countSearches(method, path, body, ['bench', 'bench-families'])).toBe(n);
  });
});
