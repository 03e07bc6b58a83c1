import type { StoredPart } from '../search/answer-bodies';
import type { AlgoliaQuery } from './params';
import type { AlgoliaResult } from './results';

/**
 * Algolia results as the cache stores them and the routes send them (issue 18, goal 2, as `stored-search.ts` for the
 * REST search): what does not depend on the request's echo and timing, one result's JSON per line behind a line of
 * match counts (-1 for a facet search). A hit splices each request's echo in front of the stored bytes: no parse, no
 * validation, no serialisation (they happened once, when it was computed). JSON never holds a raw line break.
 */
export type StoredResults = { nbHits: number[]; rests: string[] };

/** The fields a search result echoes from its request and timing; a facet search echoes only its timing. */
const ECHOED = new Set(['query', 'params', 'index', 'processingTimeMS', 'queryID']);

const withoutEcho = (r: AlgoliaResult): Record<string, unknown> => Object.fromEntries(Object.entries(r).filter(([k]) => !ECHOED.has(k)));

/** `[nbHits…]\n{result 1 without its echo}\n…` */
export function storeResults(results: readonly AlgoliaResult[]): string {
  return [JSON.stringify(results.map((r) => ('hits' in r ? r.nbHits : -1))), ...results.map((r) => JSON.stringify(withoutEcho(r)))].join('\n');
}

const isObjectJson = (line: string) => line.length > 2 && line.startsWith('{') && line.endsWith('}');

/** The stored form of `count` results back, or undefined when the value is not that (another version's, corrupted). */
export function readStoredResults(value: string, count: number): StoredResults | undefined {
  const lines = value.split('\n');
  if (lines.length !== count + 1) return undefined;
  const [head = '', ...rests] = lines;
  if (!/^\[(-?\d+(,-?\d+)*)?\]$/.test(head) || !rests.every(isObjectJson)) return undefined;
  // The pattern above admits only integers: read them without a parse and a cast.
  const nbHits = head === '[]' ? [] : head.slice(1, -1).split(',').map(Number);
  return nbHits.length === count ? { nbHits, rests } : undefined;
}

/** The echo of one result for this request: the members that go in front of its stored ones, with the trailing comma. */
export function resultEcho(q: AlgoliaQuery, search: boolean, processingTimeMS: number, queryID: string | undefined): string {
  const echo = search ? { query: q.query, params: q.params, index: q.indexName, processingTimeMS, queryID } : { processingTimeMS };
  return `${JSON.stringify(echo).slice(1, -1)},`;
}

/** One answered result: its echo, and its stored members under the name of the computation they came from. */
export type SplicedResult = { echo: string; stored: StoredPart };

/** The parts of one result's JSON: `{` + echo, then the stored members (the stored JSON without its `{`). */
export function resultParts(r: SplicedResult): (string | StoredPart)[] {
  return [`{${r.echo}`, r.stored];
}

/** The parts of a multi-query answer: `{"results":[…]}`. */
export function resultsParts(results: readonly SplicedResult[]): (string | StoredPart)[] {
  return ['{"results":[', ...results.flatMap((r, i) => (i === 0 ? resultParts(r) : [',', ...resultParts(r)])), ']}'];
}

/** The stored members of result `i` of a stored answer (its JSON without the opening `{`), kept under `version#i`. */
export function storedPart(s: StoredResults, i: number, version: string | undefined): StoredPart {
  return { key: version === undefined ? undefined : `${version}#${i}`, text: (s.rests[i] ?? '{}').slice(1) };
}
