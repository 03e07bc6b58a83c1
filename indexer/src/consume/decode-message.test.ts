import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode-message';

const valid = {
  type: 'product.deleted',
  eventId: '6f1c1a3e-8a2b-4c5d-9e0f-1a2b3c4d5e6f',
  productId: 'SKU-1',
  version: 3,
  occurredAt: '2026-01-02T00:00:00.000Z',
};

describe('decodeMessage', () => {
  it('accepts a valid event', () => {
    expect(decodeMessage(Buffer.from(JSON.stringify(valid)))).toMatchObject({ ok: true, event: { version: 3 } });
  });
  it.each([
    ['not json', /^invalid JSON/],
    [JSON.stringify({ ...valid, version: 0 }), /schema violation: version/],
    [JSON.stringify({ ...valid, type: 'product.renamed' }), /schema violation: type/],
    [JSON.stringify({ ...valid, type: 'product.upserted' }), /schema violation: product/],
  ])('rejects %s with a reason', (body, reason) => {
    const decoded = decodeMessage(body);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });
});
