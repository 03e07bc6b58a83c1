import { LRUCache } from 'lru-cache';
import type { SearchParams } from '@catalog/contract';

/**
 * Bounds of the memo: entries, and characters of query strings kept (each entry is counted as four times its query
 * string plus 512, for the parameters it holds). A URL is at most Node's 16 KB header limit, so the worst case is
 * bounded by the characters, not the entries.
 */
export const VALIDATED_QUERY_LIMITS = { entries: 10_000, charsBudget: 4 * 1024 * 1024 } as const;

/** The query string of a request URL (what validation reads), without the `?`; '' when there is none. */
export function queryStringOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** Frozen, so that a request can never change what a later one is handed. */
function frozen(p: SearchParams): SearchParams {
  Object.freeze(p.brand);
  Object.freeze(p.category);
  for (const values of p.attr.values()) Object.freeze(values);
  return Object.freeze(p);
}

/**
 * Search parameters already validated, by the query string they came from. Validation is a pure function of that
 * string, so a query string seen before (a popular search, a page reloaded) is answered without running the validator
 * again: on a cache hit it was about a tenth of the search-api's CPU (issue 18). Only valid strings are kept; a bad one
 * is validated, and refused, every time.
 */
export class ValidatedQueries {
  private readonly known = new LRUCache<string, SearchParams>({
    max: VALIDATED_QUERY_LIMITS.entries,
    maxSize: VALIDATED_QUERY_LIMITS.charsBudget,
    sizeCalculation: (_params, query) => 4 * query.length + 512,
  });

  /** The parameters validated earlier for this query string, if any. */
  get(query: string): SearchParams | undefined {
    return this.known.get(query);
  }

  /** Keeps `params`, validated from `query`, and hands them back (frozen). */
  remember(query: string, params: SearchParams): SearchParams {
    const kept = frozen(params);
    this.known.set(query, kept);
    return kept;
  }
}
