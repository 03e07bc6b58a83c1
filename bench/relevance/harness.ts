import type { Client } from '@elastic/elasticsearch';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { generateCatalog } from '../../inventory-simulator/src/catalog/generator';
import { createNoCache } from '../../search-api/src/cache/no-cache';
import { analyticsIndexName } from '../../search-api/src/es/analytics-store';
import type { RuleSource } from '../../search-api/src/rules/rule-source';
import type { SynonymSource } from '../../search-api/src/synonyms/synonym-source';
import { searchApiFor } from '../../test/integration/search-fixtures';
import { indexGeneratedCatalog } from '../bench-support';
import { evaluate, type RelevanceReport, type SearchOutcome } from './evaluate';
import { loadJudgedSet } from './query-set';

/** The query exactly as typed: no unit spellings, no synonym sets (what search-api did before issue 16). */
export const AS_TYPED: SynonymSource = {
  snapshot: async () => ({ version: '0', sets: [] }),
  expand: async (q) => ({ text: q, alternatives: [], version: '0' }),
};

type SearchBody = { hits?: { id: string }[]; total?: number; tookMs?: number; correction?: { query: string; reason: string } };

/**
 * The judged query set against `count` products of the demo generator (seed 42) in their own index behind `alias`
 * (the real mapping and analysis), searched through the search API's own app (`GET /v1/products/search`, no cache).
 */
export async function runRelevance(o: {
  es: Client;
  alias: string;
  count: number;
  reuse?: boolean;
  keep?: boolean;
  esUrl?: string;
  /** Synonym sets and unit spellings as search-api applies them (default: units, no sets). */
  synonyms?: SynonymSource;
  /** Query rules (default: none). */
  rules?: RuleSource;
  /** Also search every judged query as typed (`correct=false`) to count what did-you-mean recovers (`RelevanceReport.recovery`). */
  asTyped?: boolean;
  /** One hit per product family (the API's default, issue 17); false = every variant its own hit. */
  group?: boolean;
}): Promise<RelevanceReport> {
  const group = o.group ?? true;
  await indexGeneratedCatalog(o.es, o.alias, { count: o.count, reuse: o.reuse });
  const api = searchApiFor({ alias: o.alias, cache: createNoCache(), esUrl: o.esUrl, requestTimeoutMs: 10_000, synonyms: o.synonyms, rules: o.rules });
  const search = async (q: string, correct = true): Promise<SearchOutcome> => {
    const res = await api.app.request(`/v1/products/search?${new URLSearchParams({ q, per_page: '10', correct: String(correct), group: String(group) })}`);
    if (res.status !== 200) throw new Error(`search "${q}" answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as SearchBody;
    return { ids: (body.hits ?? []).map((h) => h.id), total: body.total ?? 0, tookMs: body.tookMs ?? 0, correction: body.correction };
  };
  try {
    const set = loadJudgedSet();
    return await evaluate({ catalog: [...generateCatalog({ seed: 42, count: o.count })], queries: set.queries.map((q) => q.query), junk: set.nonsense, search: (q) => search(q), searchAsTyped: o.asTyped ? (q) => search(q, false) : undefined, grouped: group });
  } finally {
    await api.recorder.close();
    await o.es.indices.delete({ index: analyticsIndexName(o.alias) }, { ignore: [404] });
    if (!o.keep) await deleteProductIndices(o.es, o.alias);
  }
}
