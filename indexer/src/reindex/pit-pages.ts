import type { Client, estypes } from '@elastic/elasticsearch';

export type PitPagesOptions = {
  index: string;
  query: estypes.QueryDslQueryContainer;
  sort: estypes.Sort;
  batchSize: number;
  _source?: estypes.SearchSourceConfig;
  version?: boolean;
};

/**
 * Every document of `index` matching `query`, page by page, through a point in time and `search_after`: a stable view
 * whatever is written meanwhile. The index is refreshed first (a point in time sees refreshed data only, and the last
 * second's writes must be in it); the point in time is closed however the caller stops.
 */
export async function* pitPages(es: Client, o: PitPagesOptions): AsyncGenerator<estypes.SearchHit[]> {
  await es.indices.refresh({ index: o.index });
  const pit = await es.openPointInTime({ index: o.index, keep_alive: '5m' });
  let pitId = pit.id;
  let after: estypes.SortResults | undefined;
  try {
    for (;;) {
      const page = await es.search({
        pit: { id: pitId, keep_alive: '5m' },
        size: o.batchSize,
        sort: o.sort,
        query: o.query,
        track_total_hits: false,
        ...(o._source !== undefined ? { _source: o._source } : {}),
        ...(o.version !== undefined ? { version: o.version } : {}),
        ...(after ? { search_after: after } : {}),
      });
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      if (hits.length === 0) return;
      yield hits;
      after = hits.at(-1)?.sort;
      if (!after) return;
    }
  } finally {
    await es.closePointInTime({ id: pitId }, { ignore: [404] }).catch(() => undefined);
  }
}
