import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { createEsGateway } from './es-gateway';

/** A client stand-in that keeps what the gateway sends and answers `answer` to every search. */
function stubClient(answer: Record<string, unknown>) {
  const sent: unknown[] = [];
  const client = {
    search: async (request: unknown) => {
      sent.push(request);
      return answer;
    },
    msearch: async (request: { searches: unknown[] }) => {
      sent.push(...request.searches);
      return { responses: request.searches.filter((_, i) => i % 2 === 1).map(() => answer) };
    },
  };
  // The gateway reads two methods of the client; this stand-in has exactly those.
  return { client: client as unknown as Client, sent };
}
const complete = { took: 1, timed_out: false, hits: { total: { value: 0 }, hits: [] } };

describe('createEsGateway bounds every search', () => {
  it('sends Elasticsearch’s own time limit with each search, multi-search and autocomplete body', async () => {
    const { client, sent } = stubClient(complete);
    const gateway = createEsGateway({ client, alias: 'products', searchTimeoutMs: 1200 });
    await gateway.search({ size: 1 });
    await gateway.multiSearch([{ size: 1 }, { size: 2 }]);
    await gateway.autocomplete({ size: 3 }, { size: 0 });
    const bodies = sent.filter((x): x is { size: number; timeout?: string } => typeof x === 'object' && x !== null && 'size' in x);
    expect(bodies).toHaveLength(5);
    for (const b of bodies) expect(b.timeout).toBe('1200ms');
  });

  it.each([
    ['search', (g: ReturnType<typeof createEsGateway>) => g.search({ size: 1 })],
    ['multiSearch', (g: ReturnType<typeof createEsGateway>) => g.multiSearch([{ size: 1 }])],
    ['autocomplete', (g: ReturnType<typeof createEsGateway>) => g.autocomplete({ size: 1 }, { size: 0 })],
  ])('%s: an answer that ran out of time is a 503, not partial results', async (_, call) => {
    const { client } = stubClient({ ...complete, timed_out: true });
    await expect(call(createEsGateway({ client, alias: 'products' }))).rejects.toMatchObject({ status: 503 });
  });

  it('does not send a body over the bound', async () => {
    const { client, sent } = stubClient(complete);
    const huge = { query: { terms: { id: Array.from({ length: 100_000 }, (_, i) => `SKU-${i}`) } } };
    await expect(createEsGateway({ client, alias: 'products' }).search(huge)).rejects.toMatchObject({ status: 500 });
    expect(sent).toEqual([]);
  });
});
