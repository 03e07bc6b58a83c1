import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ALGOLIA_LIMITS as L } from './limits';
import { parseAlgoliaQuery, type AlgoliaQuery, type RawContext } from './params';

/**
 * Bounds of the memo: entries, and characters of request JSON kept (each entry is counted as four times its key plus
 * 1 KiB, for the query it holds). A request is at most the body limit, so the characters bound the worst case.
 */
export const PARSED_QUERY_LIMITS = { entries: 5_000, charsBudget: 8 * 1024 * 1024 } as const;

/**
 * Where a request's `userToken` stands while its query is parsed for the memo: URL-safe, so its place in the `params`
 * echo is the same text, and random per process, so no other parameter holds it.
 */
const TOKEN_SLOT = `userToken${randomBytes(8).toString('hex')}`;

/** A query parsed for another visitor, made this request's: its `userToken`, and that token in the echo. */
const queryBases = new WeakMap<AlgoliaQuery, AlgoliaQuery>();

/** The memo entry a per-visitor query was made from (itself when it is one): equal but for `userToken` and `params`. */
export function queryBase(q: AlgoliaQuery): AlgoliaQuery {
  return queryBases.get(q) ?? q;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

const isRecord = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw);

/**
 * Algolia queries already parsed, by the request they came from (issue 18: on a storefront cache hit, parsing and
 * validating the request was the largest share of the search-api's own work). Parsing is a pure function of the request
 * and the route, so a request seen before is answered with the frozen query parsed then. InstantSearch puts a per-visitor
 * `userToken` in every request: it is taken out of the key, so one parse serves every visitor, and put back in the
 * returned query (and its `params` echo). Only valid requests are kept; a bad one is parsed, and refused, every time.
 */
export class ParsedQueries {
  private readonly known = new LRUCache<string, AlgoliaQuery>({
    max: PARSED_QUERY_LIMITS.entries,
    maxSize: PARSED_QUERY_LIMITS.charsBudget,
    sizeCalculation: (_query, key) => 4 * key.length + 1024,
  });

  /** Characters of request JSON kept, as the budget counts them. */
  keptChars(): number {
    return this.known.calculatedSize;
  }

  parse(raw: unknown, ctx: RawContext): AlgoliaQuery {
    if (!isRecord(raw)) return parseAlgoliaQuery(raw, ctx);
    const token = raw.userToken;
    // A token that is not a valid one gets the parser's 400 naming it.
    if (token !== undefined && !(typeof token === 'string' && token.length <= L.maxUserTokenLength)) return parseAlgoliaQuery(raw, ctx);
    const slotted = token === undefined ? raw : { ...raw, userToken: TOKEN_SLOT };
    // `where` only names parameters in error messages: a kept query is valid wherever it stands in a batch.
    const key = `${ctx.indexName ?? ''}\n${ctx.facet ?? ''}\n${JSON.stringify(slotted)}`;
    let base = this.known.get(key);
    if (base === undefined) {
      base = deepFreeze(parseAlgoliaQuery(slotted, ctx));
      this.known.set(key, base);
    }
    if (token === undefined) return base;
    const echoed = new URLSearchParams([['', token]]).toString().slice(1);
    const own = { ...base, userToken: token, params: base.params.replace(TOKEN_SLOT, () => echoed) };
    queryBases.set(own, base);
    return own;
  }
}
