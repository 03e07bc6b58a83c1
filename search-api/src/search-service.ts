import {
  AutocompleteResponse,
  generationalTtlSeconds,
  GENERATION_REUSE_MAX_MS,
  productDetailKey,
  responseKey,
  ProductView,
  searchGenerationKey,
  type AutocompleteParams,
  type SearchParams,
} from '@catalog/contract';
import { bannedWithPrefix, mayShow, type BanList } from './analytics/query-bans';
import type { SuggestionRules } from './analytics/suggestion-rules';
import { buildPopularPrefixRequest } from './analytics/top-queries';
import { buildAutocompleteRequest } from './autocomplete/build-autocomplete-request';
import { mergeSuggestions } from './autocomplete/merge-suggestions';
import { Admission } from './cache/admission';
import type { Cache } from './cache/cache';
import { createGenerationReader, type Generation } from './cache/generation';
import { KeyDigests } from './cache/key-digests';
import { entryUse, readStampedEntry, stampEntry } from './cache/stamped-entry';
import { LookAside, type CacheKind, type CacheOutcome } from './cache/look-aside';
import { RefreshAhead, type RefreshOutcome } from './cache/refresh-ahead';
import type { SearchBackend } from './es/es-gateway';
import { parseInternal } from './internal-parse';
import { parseCachedProductView, toProductView } from './products/map-product';
import { canonicalSearch, normalizeQuery } from './search/normalize';
import { isStoredSearch, readStoredSearch, storeSearchResponse, type StoredSearch } from './search/stored-search';
import type { SynonymSource } from './synonyms/synonym-source';
import type { RuleSource } from './rules/rule-source';
import { MerchandiseMemo } from './rules/merchandise-memo';
import { runMerchandisedSearch } from './rules/merchandised-search';

/** Cache and analytics settings of the service (from config, units in the names). */
export type SearchServiceSettings = {
  searchTtlSeconds: number;
  productTtlSeconds: number;
  admissionMinHits: number;
  admissionWindowMs: number;
  admissionMaxKeys: number;
  generationRefreshMs: number;
  lockTtlSeconds: number;
  lockWaitMs: number;
  /** How old a search or autocomplete answer may be served once the index moved on (the freshness bound's knob). */
  staleMaxMs: number;
  /** Once the index moved on, an answer older than this answers and is refreshed in the background (≥ `staleMaxMs`: never). */
  refreshAfterMs: number;
  /** Refresh-ahead (`cache/refresh-ahead.ts`): searches per second this instance spends keeping hot keys fresh (0 = off). */
  refreshAheadPerSecond: number;
  /** Most keys refresh-ahead tracks. */
  refreshAheadMaxKeys: number;
  analyticsWindowHours: number;
};

export type SearchServiceDeps = {
  backend: SearchBackend;
  cache: Cache;
  alias: string;
  settings: SearchServiceSettings;
  /** Which recorded queries autocomplete may suggest: enough distinct clients, within the rules, not banned. */
  suggestions: { bans: BanList; rules: SuggestionRules; minClients: number };
  /** Called for every search with text on its first page: the analytics recorder. */
  onSearch?: OnSearch;
  onCacheOutcome?: (kind: CacheKind, outcome: CacheOutcome) => void;
  onCacheError?: (err: unknown, op: string) => void;
  /** Each refresh-ahead attempt and what it cost. */
  onRefreshAhead?: (outcome: RefreshOutcome) => void;
  /** Runtime synonyms and unit spellings applied to the query (none when absent). */
  synonyms?: SynonymSource;
  /** Query rules in force (none when absent). */
  rules?: RuleSource;
};

/** A search with text on its first page, and the address of the client that made it (the analytics recorder's `record`). */
export type OnSearch = (normalizedQuery: string, hits: number, clientAddress: string | undefined) => void;

/**
 * Search, autocomplete and product detail with look-aside caching. Search and autocomplete keys carry the
 * indexer's generation (a bump retires them all); product details are deleted by id by the indexer.
 */
export function createSearchService(deps: SearchServiceDeps) {
  const { backend, alias, settings } = deps;
  const lookAside = new LookAside({
    cache: deps.cache,
    admission: new Admission({
      minHits: settings.admissionMinHits,
      windowMs: settings.admissionWindowMs,
      maxKeys: settings.admissionMaxKeys,
    }),
    lockTtlSeconds: settings.lockTtlSeconds,
    lockWaitMs: settings.lockWaitMs,
    onOutcome: deps.onCacheOutcome,
    onError: deps.onCacheError,
  });
  const generation = createGenerationReader({
    cache: deps.cache,
    key: searchGenerationKey(alias),
    // The indexer waits GENERATION_REUSE_MAX_MS after a bump before it writes: never reuse a read longer.
    refreshMs: Math.min(settings.generationRefreshMs, GENERATION_REUSE_MAX_MS),
    onError: (err) => deps.onCacheError?.(err, 'generation'),
  });
  // While the generation is young the index may still be changing: such entries live ≤ YOUNG_GENERATION_MS.
  const ttlUnder = (gen: Generation) => Math.max(generationalTtlSeconds(settings.searchTtlSeconds, gen.seenAt, Date.now()), Math.ceil(settings.staleMaxMs / 1000));
  /** Stamped with the generation and the time before the search: the answer reflects at least that index. */
  const stampedUnder = (gen: Generation, compute: () => Promise<string>) => async () => {
    const at = Date.now();
    return stampEntry(gen.value, at, await compute());
  };
  const ahead = new RefreshAhead({
    perSecond: settings.refreshAheadPerSecond,
    maxKeys: settings.refreshAheadMaxKeys,
    bound: settings,
    generation,
    // The entry may have been refreshed meanwhile (by a request, another instance): then only the read was spent.
    refresh: async (key, compute, gen) => {
      const cached = await deps.cache.get(key);
      const entry = cached === undefined ? undefined : readStampedEntry(cached);
      if (entry && entryUse(entry, gen.value, Date.now(), settings) === 'serve') return { searched: false, entry };
      let searched = false;
      const search = () => {
        searched = true;
        return compute();
      };
      const stored = await lookAside.refresh(key, ttlUnder(gen), stampedUnder(gen, search));
      return { searched, entry: stored === undefined ? undefined : readStampedEntry(stored) };
    },
    onError: (err) => deps.onCacheError?.(err, 'refresh-ahead'),
    onRefresh: deps.onRefreshAhead,
  });

  /** The cache key of a response: the kind and a digest of the canonical string of what decides it. */
  const digests = new KeyDigests();
  const keyOf = (kind: 'search' | 'autocomplete', canonical: string) => responseKey(alias, kind, digests.of(canonical));
  /**
   * The key of a REST search: parameters kept across requests (frozen by `routes/validated-queries.ts`) keep theirs
   * with the key suffix it was made for, so a repeated search neither rebuilds its canonical string nor hashes it again.
   */
  const searchKeys = new WeakMap<SearchParams, { suffix: string; key: string }>();
  const merchandised = new MerchandiseMemo();
  const searchKey = (p: SearchParams, suffix: string): string => {
    const known = searchKeys.get(p);
    if (known?.suffix === suffix) return known.key;
    const key = keyOf('search', `stored|${canonicalSearch(p)}${suffix}`);
    if (Object.isFrozen(p)) searchKeys.set(p, { suffix, key });
    return key;
  };

  /**
   * Cached with the generation it was computed under (`stamped-entry.ts`): current under that generation, served until
   * it is `staleMaxMs` old once the index moved on and refreshed in the background past `refreshAfterMs`; computed
   * without the cache when the generation is unknown.
   */
  async function generational(kind: 'search' | 'autocomplete', key: string, compute: () => Promise<string>, accept?: (value: string) => boolean) {
    const gen = await generation();
    if (gen === undefined) {
      deps.onCacheOutcome?.(kind, 'error');
      return { ...(await lookAside.bypass(key, compute)), version: undefined };
    }
    const ttl = ttlUnder(gen);
    // Searches only: their computation is named by the key (parameters, synonyms' version, applied rules), so a later
    // run of it is what a request would run; an autocomplete's depends on the ban list of its time.
    if (kind === 'search') ahead.requested(key, compute);
    const usable = (value: string) => {
      const entry = readStampedEntry(value);
      if (entry === undefined || !(accept?.(entry.payload) ?? true)) {
        // Not ours (another version, a corrupted value): reported, recomputed and replaced.
        deps.onCacheError?.(new Error(`cached ${kind} answer not in the stamped form`), 'refused');
        return 'refuse';
      }
      ahead.seen(key, entry);
      return entryUse(entry, gen.value, Date.now(), settings);
    };
    const { value, hit } = await lookAside.get(kind, key, ttl, stampedUnder(gen, compute), usable);
    const entry = readStampedEntry(value);
    // The key and the stamp name this computation: what is derived from its bytes can be kept under it.
    return { value: entry?.payload ?? value, hit, version: entry && `${key}\n${entry.generation}\t${entry.computedAt}` };
  }

  return {
    /** Stops refresh-ahead's timer (shutdown; it never keeps the process alive). */
    stopRefreshAhead: () => ahead.stop(),
    /** A response of another search surface (the Algolia protocol), cached exactly like searches: same generation, TTL and admission. */
    cachedSearch: (canonical: string, compute: () => Promise<string>, accept?: (value: string) => boolean) =>
      generational('search', keyOf('search', canonical), compute, accept),
    /**
     * The stored answer (the route splices the echo in front of its bytes: `stored-search.ts`), whether it came from the
     * cache, and the name of that computation (cache key and stamp; undefined when the cache is unavailable).
     */
    async search(p: SearchParams, clientAddress?: string): Promise<{ stored: StoredSearch; hit: boolean; version: string | undefined }> {
      // Query rules and synonyms (search-api/src/rules/, synonyms/): the applied rules and the synonyms' version are in
      // the key, so a changed rule or set, or a rule's window opening, makes new keys within their refresh.
      const m = await merchandised.merchandise(p, deps.rules ? await deps.rules() : [], deps.synonyms);
      const { value, hit, version } = await generational(
        'search',
        searchKey(p, m.keySuffix),
        async () => storeSearchResponse(await runMerchandisedSearch(m, p, backend)),
        isStoredSearch,
      );
      const stored = readStoredSearch(value);
      if (p.page === 1 && p.q !== '') deps.onSearch?.(normalizeQuery(p.q), stored.total, clientAddress);
      return { stored, hit, version };
    },

    async autocomplete(p: AutocompleteParams): Promise<{ response: AutocompleteResponse; hit: boolean }> {
      const q = normalizeQuery(p.q);
      const { rules, minClients } = deps.suggestions;
      // Unknown bans (never read) = no recorded query is suggested, fresh or cached: a ban must never be missed.
      const bans = await deps.suggestions.bans.snapshot();
      const allowQuery = (query: string) => bans !== undefined && mayShow(query, rules, bans);
      const { value, hit } = await generational('autocomplete', keyOf('autocomplete', JSON.stringify([q, p.limit])), async () => {
        const scope = { limit: p.limit, windowHours: settings.analyticsWindowHours, minClients, excluded: bans ? bannedWithPrefix(bans, q) : [] };
        const r = await backend.autocomplete(q === '' ? undefined : buildAutocompleteRequest(q, p.limit), buildPopularPrefixRequest({ ...scope, prefix: q }));
        return JSON.stringify({ query: p.q, suggestions: mergeSuggestions({ q, limit: p.limit, ...r, allowQuery }) });
      });
      const cached = parseInternal(AutocompleteResponse, JSON.parse(value), 'cached autocomplete response');
      // A cached answer may predate a ban: recorded queries are checked again on the way out.
      const suggestions = cached.suggestions.filter((s) => s.type !== 'query' || allowQuery(s.text));
      return { response: { ...cached, suggestions, query: p.q, cached: hit }, hit };
    },

    /** The product view of `id`, or undefined for unknown and deleted products. */
    async product(id: string): Promise<{ product: ProductView | undefined; hit: boolean }> {
      // Absent is cached too (null = known absent): the indexer deletes the key by id on every change, creation included.
      const gen = await generation();
      const ttl = generationalTtlSeconds(settings.productTtlSeconds, gen?.seenAt, Date.now());
      const { value, hit } = await lookAside.get('product', productDetailKey(alias, id), ttl, async () =>
        JSON.stringify(toProductView(await backend.getProduct(id)) ?? null),
      );
      const product = parseCachedProductView(value);
      return { product: product ?? undefined, hit };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
