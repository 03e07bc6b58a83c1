import { MAX_RESULT_WINDOW, SEARCH_LIMITS } from '@catalog/contract';

/**
 * Bounds of the Algolia surface. Where the REST search has the same knob the value is the REST one, so that
 * both surfaces cost Elasticsearch the same at worst; Algolia's own wider limits are accepted and capped.
 */
export const ALGOLIA_LIMITS = {
  /** Request body of one HTTP call (a multi-query of 50 helper queries is ~60 KiB). */
  maxBodyBytes: 256 * 1024,
  /** Queries in one multi-query. */
  maxRequests: 50,
  /** `query`: the REST `q` bound (the text itself is checked by the contract's `SearchText`, as `q` is). */
  maxQueryLength: SEARCH_LIMITS.queryLength,
  /** `hitsPerPage` Algolia accepts (0 – 1000); served pages are capped at `hitsPerPageCap`. */
  maxHitsPerPage: 1000,
  /** The REST `per_page` maximum. */
  hitsPerPageCap: 100,
  defaultHitsPerPage: 20,
  /** Deepest hit reachable by paging (`page × hitsPerPage`), as in the REST API; deeper pages are empty. */
  resultWindow: MAX_RESULT_WINDOW,
  maxFacets: 50,
  /** `maxValuesPerFacet` is capped here (Algolia's default is 100). */
  maxValuesPerFacet: 100,
  defaultValuesPerFacet: 100,
  maxFacetHits: 100,
  defaultFacetHits: 10,
  maxFacetQueryLength: 100,
  /** Highlight tags and the snippet ellipsis. */
  maxTagLength: 100,
  /** Entries of `attributesToHighlight` / `attributesToSnippet` / `attributesToRetrieve`. */
  maxAttributes: 50,
  maxAttributeLength: 100,
  maxSnippetWords: 100,
  maxUserTokenLength: 129,
  /** `ruleContexts`: Algolia's 10 (InstantSearch slices to 10 too). */
  maxRuleContexts: 10,
  /** `distinct` as Algolia bounds it (0 – 4); any value ≥ 1 is one hit per product family here. */
  maxDistinct: 4,
} as const;
