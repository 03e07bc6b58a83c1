import { Serializer } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { ndjsonBody } from './bulk-api';

describe('ndjsonBody', () => {
  it('is byte for byte the body the client would send for the same lines, whatever the characters', () => {
    const lines = [
      { index: { _index: 'products', _id: 'p-1', version: 3, version_type: 'external' } },
      { title: 'Café crème 😀 — “Ünïcödé”', price: 12.5, tags: ['a', 'b'], nested: { x: null } },
      { index: { _index: 'products', _id: 'p-2', version: 1, version_type: 'external' } },
      { title: 'plain ascii', lone: '\ud800' },
    ];
    const body = ndjsonBody(lines);
    expect(body.equals(Buffer.from(new Serializer().ndserialize(lines)))).toBe(true);
    expect(body.toString('utf8').split('\n')).toHaveLength(lines.length + 1);
  });

  it('is empty for no lines', () => {
    expect(ndjsonBody([])).toHaveLength(0);
  });
});
