import { describe, expect, it } from 'vitest';
import { SearchParams } from '@catalog/contract';
import { BanList } from './analytics/query-bans';
import { DEFAULT_SUGGESTION_RULES } from './analytics/suggestion-rules';
import { createMemoryCache } from './cache/memory-cache';
import { ValidatedQueries } from './routes/validated-queries';
import { createSearchService } from './search-service';
import { staticSynonymSource, type SynonymSource } from './synonyms/synonym-source';
import { fakeAnalyticsStore, fakeBackend, TEST_SETTINGS } from './test-support';

describe('search keys of parameters kept across requests (issue 18)', () => {
  it('a kept parameters object gets a new key when the synonyms it was keyed under change', async () => {
    let sets = staticSynonymSource();
    const synonyms: SynonymSource = { snapshot: () => sets.snapshot(), expand: (q) => sets.expand(q) };
    const store = fakeAnalyticsStore();
    const service = createSearchService({
      backend: fakeBackend(),
      cache: createMemoryCache(),
      alias: 'products-test',
      settings: TEST_SETTINGS,
      suggestions: { bans: new BanList({ store, refreshEveryMs: 60_000 }), rules: DEFAULT_SUGGESTION_RULES, minClients: 3 },
      synonyms,
    });
    // As the route keeps it: frozen, the same object for every request with that query string.
    const kept = new ValidatedQueries().remember('q=tv', SearchParams.parse({ q: 'tv' }));
    const hits = async () => (await service.search(kept)).hit;
    expect([await hits(), await hits()]).toEqual([false, true]);
    sets = staticSynonymSource([{ type: 'equivalent', terms: ['tv', 'television'] }]);
    expect([await hits(), await hits()]).toEqual([false, true]);
  });
});
