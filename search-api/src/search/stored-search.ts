import type { SearchResponse } from '@catalog/contract';

/**
 * A search response as the cache stores it and the route sends it: what does not depend on the request's echo
 * and timing, as JSON, behind its total. A hit is answered by splicing `query`, `cached` and `tookMs` in front
 * of the stored bytes: no parse, no validation, no serialisation (they happened once, when it was computed).
 */
export type StoredSearch = { total: number; json: string };

/** `<total>\n{…the response without query, cached and tookMs…}` */
export function storeSearchResponse(r: SearchResponse): string {
  const { query: _query, cached: _cached, tookMs: _tookMs, ...rest } = r;
  return `${r.total}\n${JSON.stringify(rest)}`;
}

/** The stored form's shape: a non-negative total, a newline, a JSON object (anything else is not ours: a miss). */
export function isStoredSearch(value: string): boolean {
  const nl = value.indexOf('\n');
  return nl > 0 && nl <= 15 && /^\d+$/.test(value.slice(0, nl)) && value.length - nl > 3 && value[nl + 1] === '{' && value[value.length - 1] === '}';
}

/** The stored form back (its shape checked first: a value that is not ours throws). */
export function readStoredSearch(value: string): StoredSearch {
  if (!isStoredSearch(value)) throw new Error('unexpected cached search response');
  const nl = value.indexOf('\n');
  return { total: Number(value.slice(0, nl)), json: value.slice(nl + 1) };
}

export type SearchEcho = { query: string; cached: boolean; tookMs: number };

/** The contract's `SearchResponse` JSON of a stored answer for one request (`prefix + rest`): the request's echo and the stored rest. */
export function searchResponseParts(s: StoredSearch, echo: SearchEcho): { prefix: string; rest: string } {
  return { prefix: `{"query":${JSON.stringify(echo.query)},"cached":${echo.cached},"tookMs":${echo.tookMs},`, rest: s.json.slice(1) };
}
