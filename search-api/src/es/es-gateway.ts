import type { Client, estypes } from '@elastic/elasticsearch';
import type { Metrics } from '../metrics';
import { analyticsIndexName } from './analytics-store';
import { familiesAlias } from '@catalog/contract';
import { HttpProblem } from '@catalog/contract/http';
import { EsItemError } from './es-errors';
import { timedEsCall } from './timed-call';
import { boundedSearchBody, DEFAULT_SEARCH_TIMEOUT_MS, requireComplete } from './request-bounds';

type Body = Omit<estypes.SearchRequest, 'index'>;

/** Which index a search reads: products (every variant) or families (one document per family, issue 17). */
export type SearchTarget = 'products' | 'families';

/** Everything the search API asks Elasticsearch; the app depends on this, not on the client. */
export interface SearchBackend {
  search(body: Body, target?: SearchTarget): Promise<unknown>;
  /** Several searches of one index (products by default) in one round trip (`_msearch`); any failed one fails the call. */
  multiSearch(bodies: Body[], target?: SearchTarget): Promise<unknown[]>;
  /** Products (and their suggesters/aggregations) and popular queries in one round trip. */
  autocomplete(products: Body | undefined, queries: Body): Promise<{ products?: unknown; queries?: unknown }>;
  /** The stored document of `id` (realtime), or undefined when unknown. */
  getProduct(id: string): Promise<unknown>;
  /** Resolves when the cluster answers and both aliases (products, families) exist. */
  health(): Promise<void>;
  /** Requests sent so far by kind (the stampede test counts searches). */
  readonly calls: Readonly<Record<'search' | 'msearch' | 'autocomplete' | 'get', number>>;
}

export type EsGatewayOptions = {
  client: Client;
  /** Read alias of the products index. */
  alias: string;
  /** Read alias of the families index (`familiesAlias(alias)` by default). */
  familiesAlias?: string;
  /** Where the recorded queries autocomplete suggests from are (`analyticsIndexName(alias)` by default). */
  analyticsIndex?: string;
  metrics?: Metrics;
  /** Elasticsearch's own limit on each search (`timeout` in the body); past it the answer is a 503. */
  searchTimeoutMs?: number;
};

/**
 * The only module that talks to Elasticsearch: times every call, bounds every search (body size and
 * Elasticsearch's own time limit; the client has its request timeout) and turns failures into HTTP problems.
 */
export function createEsGateway(options: EsGatewayOptions): SearchBackend {
  const { client, alias, metrics } = options;
  const bounded = <B extends object>(body: B) => boundedSearchBody(body, options.searchTimeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS);
  const analyticsIndex = options.analyticsIndex ?? analyticsIndexName(alias);
  const indexOf = (target: SearchTarget = 'products') => (target === 'families' ? (options.familiesAlias ?? familiesAlias(alias)) : alias);
  const calls = { search: 0, msearch: 0, autocomplete: 0, get: 0 };

  function timed<T>(operation: keyof typeof calls | 'health', fn: () => Promise<T>): Promise<T> {
    if (operation !== 'health') calls[operation]++;
    return timedEsCall(metrics, operation, fn);
  }

  return {
    calls,
    search: (body, target) => timed('search', async () => requireComplete(await client.search({ index: indexOf(target), ...bounded(body) }))),
    multiSearch: (bodies, target) =>
      timed('msearch', async () => {
        const index = indexOf(target);
        const { responses } = await client.msearch({ searches: bodies.flatMap((b) => [{ index }, bounded(b as estypes.MsearchMultisearchBody)]) });
        return responses.map((r) => {
          if ('error' in r) throw new EsItemError('a search of the batch', r.status, r.error);
          return requireComplete(r);
        });
      }),
    autocomplete: (products, queries) =>
      timed('autocomplete', async () => {
        const searches: estypes.MsearchRequestItem[] = [];
        if (products) searches.push({ index: alias }, bounded(products as estypes.MsearchMultisearchBody));
        searches.push({ index: analyticsIndex, ignore_unavailable: true }, bounded(queries as estypes.MsearchMultisearchBody));
        const { responses } = await client.msearch({ searches });
        const [first, second] = products ? responses : [undefined, responses[0]];
        // Products are the point of autocomplete: their failure fails the call; popular queries are a bonus.
        if (first && 'error' in first) throw new EsItemError('autocomplete', first.status, first.error);
        return {
          products: first ? requireComplete(first) : undefined,
          queries: second && !('error' in second) && !second.timed_out ? second : undefined,
        };
      }),
    getProduct: (id) =>
      timed('get', async () => {
        const r = await client.get({ index: alias, id, realtime: true }, { ignore: [404] });
        // With `ignore: [404]` a missing index also comes back as a body; only a document miss has `found`.
        if ('found' in r && r.found === false) return undefined;
        if (!('_source' in r)) throw new HttpProblem('unavailable', 'the search index is not available yet');
        return r._source;
      }),
    health: () =>
      timed('health', async () => {
        await client.cluster.health({ timeout: '1s' });
        // Grouped search (the default) reads the families alias: without it every default search would be a 503.
        for (const name of [alias, indexOf('families')]) {
          if (!(await client.indices.existsAlias({ name }))) throw new Error(`alias ${name} missing`);
        }
      }),
  };
}
