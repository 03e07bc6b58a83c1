import type { Client, estypes } from '@elastic/elasticsearch';
import type { Metrics } from '../metrics';
import { HttpProblem } from '@catalog/contract/http';
import { EsItemError, toHttpProblem } from './es-errors';

type Body = Omit<estypes.SearchRequest, 'index'>;

/** One recorded search, as stored in the analytics index. */
export type SearchRecord = { query: string; hits: number; at: string };

/** Everything the search API asks Elasticsearch; the app depends on this, not on the client. */
export interface SearchBackend {
  search(body: Body): Promise<unknown>;
  /** Several searches of the products index in one round trip (`_msearch`); any failed one fails the call. */
  multiSearch(bodies: Body[]): Promise<unknown[]>;
  /** Products (and their suggesters/aggregations) and popular queries in one round trip. */
  autocomplete(products: Body | undefined, queries: Body): Promise<{ products?: unknown; queries?: unknown }>;
  /** The stored document of `id` (realtime), or undefined when unknown. */
  getProduct(id: string): Promise<unknown>;
  topQueries(body: Body): Promise<unknown>;
  recordSearches(records: SearchRecord[]): Promise<void>;
  /** Resolves when the cluster answers and the alias exists. */
  health(): Promise<void>;
  /** Requests sent so far by kind (the stampede test counts searches). */
  readonly calls: Readonly<Record<'search' | 'msearch' | 'autocomplete' | 'get' | 'topQueries' | 'bulk', number>>;
}

export type EsGatewayOptions = {
  client: Client;
  /** Read alias of the products index. */
  alias: string;
  /** Where recorded searches go (`<alias>-searches` by default). */
  analyticsIndex?: string;
  metrics?: Metrics;
};

/** Mapping of the analytics index: one small document per recorded search. */
export const ANALYTICS_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: { query: { type: 'keyword', ignore_above: 200 }, hits: { type: 'integer' }, at: { type: 'date' } },
};

/** Analytics index name of a products alias. */
export const analyticsIndexName = (alias: string): string => `${alias}-searches`;

/** The only module that talks to Elasticsearch: times every call and turns failures into HTTP problems. */
export function createEsGateway(options: EsGatewayOptions): SearchBackend {
  const { client, alias, metrics } = options;
  const analyticsIndex = options.analyticsIndex ?? analyticsIndexName(alias);
  const calls = { search: 0, msearch: 0, autocomplete: 0, get: 0, topQueries: 0, bulk: 0 };
  let analyticsReady = false;

  async function timed<T>(operation: keyof typeof calls | 'health', fn: () => Promise<T>): Promise<T> {
    if (operation !== 'health') calls[operation]++;
    const end = metrics?.esDuration.startTimer({ operation });
    try {
      const result = await fn();
      end?.({ outcome: 'ok' });
      return result;
    } catch (err) {
      end?.({ outcome: 'error' });
      throw toHttpProblem(err);
    }
  }

  async function ensureAnalyticsIndex(): Promise<void> {
    if (analyticsReady) return;
    const exists = await client.indices.exists({ index: analyticsIndex });
    if (!exists) {
      // Several instances may race here; "already exists" is success.
      await client.indices.create(
        { index: analyticsIndex, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: ANALYTICS_MAPPINGS },
        { ignore: [400] },
      );
    }
    analyticsReady = true;
  }

  return {
    calls,
    search: (body) => timed('search', () => client.search({ index: alias, ...body })),
    multiSearch: (bodies) =>
      timed('msearch', async () => {
        const { responses } = await client.msearch({ searches: bodies.flatMap((b) => [{ index: alias }, b as estypes.MsearchMultisearchBody]) });
        return responses.map((r) => {
          if ('error' in r) throw new EsItemError('a search of the batch', r.status, r.error);
          return r;
        });
      }),
    autocomplete: (products, queries) =>
      timed('autocomplete', async () => {
        const searches: estypes.MsearchRequestItem[] = [];
        if (products) searches.push({ index: alias }, products as estypes.MsearchMultisearchBody);
        searches.push({ index: analyticsIndex, ignore_unavailable: true }, queries as estypes.MsearchMultisearchBody);
        const { responses } = await client.msearch({ searches });
        const [first, second] = products ? responses : [undefined, responses[0]];
        // Products are the point of autocomplete: their failure fails the call; popular queries are a bonus.
        if (first && 'error' in first) throw new EsItemError('autocomplete', first.status, first.error);
        return { products: first, queries: second && !('error' in second) ? second : undefined };
      }),
    getProduct: (id) =>
      timed('get', async () => {
        const r = await client.get({ index: alias, id, realtime: true }, { ignore: [404] });
        // With `ignore: [404]` a missing index also comes back as a body; only a document miss has `found`.
        if ('found' in r && r.found === false) return undefined;
        if (!('_source' in r)) throw new HttpProblem('unavailable', 'the search index is not available yet');
        return r._source;
      }),
    topQueries: (body) => timed('topQueries', () => client.search({ index: analyticsIndex, ignore_unavailable: true, ...body })),
    recordSearches: (records) =>
      timed('bulk', async () => {
        if (records.length === 0) return;
        await ensureAnalyticsIndex();
        const r = await client.bulk({ index: analyticsIndex, operations: records.flatMap((doc) => [{ create: {} }, doc]) });
        if (r.errors) throw new Error(`analytics bulk: ${r.items.filter((i) => i.create?.error).length} items failed`);
      }),
    health: () =>
      timed('health', async () => {
        await client.cluster.health({ timeout: '1s' });
        if (!(await client.indices.existsAlias({ name: alias }))) throw new Error(`alias ${alias} missing`);
      }),
  };
}
