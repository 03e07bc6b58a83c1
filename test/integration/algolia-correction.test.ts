import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedFixtureCatalog } from './search-fixtures';

// Did-you-mean on the Algolia protocol (issue 16): Algolia's `queryAfterRemoval` for dropped words, the REST
// `correction` beside it (the storefront reads it), and `typoTolerance: false` for the words exactly as typed.

type Correction = { query: string; reason: string; droppedWords?: string[]; originalTotal: number };
type AlgoliaBody = { results: { nbHits: number; hits: { title: string }[]; queryAfterRemoval?: string; correction?: Correction }[] };

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias });

const algolia = async (query: string, more: Record<string, unknown> = {}) => {
  const res = await api.app.request('/1/indexes/*/queries', { method: 'POST', body: JSON.stringify({ requests: [{ indexName: 'products', query, ...more }] }) });
  const body = (await res.json()) as AlgoliaBody;
  expect(res.status, JSON.stringify(body)).toBe(200);
  const [first] = body.results;
  if (!first) throw new Error('no result');
  return first;
};

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('did-you-mean on the Algolia protocol', () => {
  it('Algolia surface: queryAfterRemoval marks the removed words, the correction is there too; typoTolerance false = as typed', async () => {
    const relaxed = await algolia('yoga mat xylophonx');
    expect(relaxed.queryAfterRemoval).toBe('yoga mat <em>xylophonx</em>');
    expect(relaxed.correction).toMatchObject({ query: 'yoga mat', reason: 'relaxed' });
    expect((await algolia('logitech keybord')).correction).toMatchObject({ query: 'logitech keyboard', reason: 'spelling' });
    const exact = await algolia('logitech keybord', { typoTolerance: false });
    expect(exact.nbHits).toBe(0);
    expect(exact.correction).toBeUndefined();
  });
});
