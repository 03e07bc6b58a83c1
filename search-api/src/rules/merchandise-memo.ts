import type { Rule, SearchParams } from '@catalog/contract';
import type { SynonymSource } from '../synonyms/synonym-source';
import { merchandise, type Merchandised } from './merchandised-search';

/**
 * The instants (ms, ascending) at which one of `rules` opens or closes its window: between two of them, and with the
 * same rules and synonyms, merchandising a query gives the same result. Pure.
 */
export function ruleWindowEdges(rules: readonly Rule[]): number[] {
  const edges = rules.flatMap((r) => [r.condition.from, r.condition.until].flatMap((t) => (t === undefined ? [] : [Date.parse(t)])));
  return [...new Set(edges)].sort((a, b) => a - b);
}

/** The first edge after `now` (Infinity: none). Pure. */
export function nextEdge(edges: readonly number[], now: number): number {
  for (const edge of edges) if (edge > now) return edge;
  return Infinity;
}

/** What merchandising made, as far as the memo needs to know: the synonyms version it depends on. */
type WithSynonymsVersion = { synonymsVersion: string | undefined };
type Kept<M> = { rules: readonly Rule[]; until: number; m: M };

/**
 * Merchandising of a search kept across requests (a frozen object: REST parameters frozen by
 * `routes/validated-queries.ts`, an Algolia query frozen by `algolia/parsed-queries.ts`), kept with it while it cannot
 * have changed: the same rules snapshot (the rule source hands out the same array until it reads the index again), the
 * same synonyms version (when synonyms were applied), and no rule window opened or closed since. A repeated search (a
 * cache hit) then skips rule planning and unit normalisation (issue 18, goal 2). The result is shared by the requests
 * of that search and frozen (`freeze`); nothing downstream changes it. A search that is not frozen is merchandised
 * every time.
 */
export class KeptMerchandise<K extends object, M extends WithSynonymsVersion> {
  private readonly kept = new WeakMap<K, Kept<M>>();
  private readonly edges = new WeakMap<readonly Rule[], number[]>();

  constructor(
    private readonly run: (search: K, rules: readonly Rule[], synonyms: SynonymSource | undefined, now: Date) => Promise<M>,
    private readonly freeze: (m: M) => M,
  ) {}

  async merchandise(search: K, rules: readonly Rule[], synonyms: SynonymSource | undefined, now = Date.now()): Promise<M> {
    const known = this.kept.get(search);
    if (known && known.rules === rules && now < known.until && (await this.sameSynonyms(known.m, synonyms))) return known.m;
    const m = await this.run(search, rules, synonyms, new Date(now));
    if (!Object.isFrozen(search)) return m;
    let edges = this.edges.get(rules);
    if (!edges) this.edges.set(rules, (edges = ruleWindowEdges(rules)));
    const frozen = this.freeze(m);
    this.kept.set(search, { rules, until: nextEdge(edges, now), m: frozen });
    return frozen;
  }

  private async sameSynonyms(m: M, synonyms: SynonymSource | undefined): Promise<boolean> {
    return m.synonymsVersion === undefined || (synonyms !== undefined && (await synonyms.snapshot()).version === m.synonymsVersion);
  }
}

/** `KeptMerchandise` of REST search parameters (`merchandise`). */
export class MerchandiseMemo extends KeptMerchandise<SearchParams, Merchandised> {
  constructor() {
    super(merchandise, (m) => Object.freeze({ ...m, searched: Object.freeze(m.searched) }));
  }
}
