import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedFixtureCatalog } from './search-fixtures';

// Did-you-mean and zero-result recovery (issue 16) on the real Elasticsearch: the phrase suggester over the catalog's
// own words, words the typo pass dropped, two words read as one, and common words left alone (the Algolia surface:
// algolia-correction.test.ts).

type Correction = { query: string; reason: string; droppedWords?: string[]; originalTotal: number };
type Body = { total: number; hits: { title: string }[]; correction?: Correction };

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias });

const search = async (q: string, extra = '') => {
  const res = await api.app.request(`/v1/products/search?${new URLSearchParams({ q, group: 'false' })}${extra}`);
  const body = (await res.json()) as Body;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('did-you-mean', () => {
  it('a misspelt word is corrected to the catalog word: showing results for the correction, what the words as typed found', async () => {
    const body = await search('logitech keybord');
    expect(body.correction).toEqual({ query: 'logitech keyboard', reason: 'spelling', originalTotal: 0 });
    expect(body.hits[0]?.title).toBe('Logitech MX Keys Keyboard');
  });

  it('a word that matches nothing is dropped and named', async () => {
    const body = await search('yoga mat xylophonx');
    expect(body.correction).toEqual({ query: 'yoga mat', reason: 'relaxed', droppedWords: ['xylophonx'], originalTotal: 0 });
    expect(body.hits[0]?.title).toMatch(/Yoga Mat/);
  });

  it('two words read as one ("head phones" → headphones)', async () => {
    const body = await search('head phones');
    expect(body.correction).toMatchObject({ query: 'headphones', reason: 'spelling', originalTotal: 0 });
    expect(body.hits.map((h) => h.title)).toContain('Sony WH-CH520 On-Ear Headphones');
  });

  it('a common word is never made into the word of another product: nothing, and no correction', async () => {
    for (const q of ['orange', 'another', 'amazing']) {
      const body = await search(q);
      expect(body, q).toMatchObject({ total: 0 });
      expect(body.correction, q).toBeUndefined();
    }
  });

  it('correct=false searches the words exactly as typed ("search instead for")', async () => {
    const body = await search('logitech keybord', '&correct=false');
    expect(body.total).toBe(0);
    expect(body.correction).toBeUndefined();
  });
});
