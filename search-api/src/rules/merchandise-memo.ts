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

type Kept = { rules: readonly Rule[]; until: number; m: Merchandised };

/**
 * Merchandising (`merchandise`) of parameters kept across requests (frozen by `routes/validated-queries.ts`), kept with
 * them while it cannot have changed: the same rules snapshot (the rule source hands out the same array until it reads
 * the index again), the same synonyms version (when synonyms were applied), and no rule window opened or closed since.
 * A repeated search (a cache hit) then skips rule planning and unit normalisation (issue 18, goal 2). The result is
 * shared by the requests of those parameters and frozen; nothing downstream changes it.
 */
export class MerchandiseMemo {
  private readonly kept = new WeakMap<SearchParams, Kept>();
  private readonly edges = new WeakMap<readonly Rule[], number[]>();

  async merchandise(p: SearchParams, rules: readonly Rule[], synonyms: SynonymSource | undefined, now = Date.now()): Promise<Merchandised> {
    const known = this.kept.get(p);
    if (known && known.rules === rules && now < known.until && (await this.sameSynonyms(known.m, synonyms))) return known.m;
    const m = await merchandise(p, rules, synonyms, new Date(now));
    if (!Object.isFrozen(p)) return m;
    let edges = this.edges.get(rules);
    if (!edges) this.edges.set(rules, (edges = ruleWindowEdges(rules)));
    const frozen = Object.freeze({ ...m, searched: Object.freeze(m.searched) });
    this.kept.set(p, { rules, until: nextEdge(edges, now), m: frozen });
    return frozen;
  }

  private async sameSynonyms(m: Merchandised, synonyms: SynonymSource | undefined): Promise<boolean> {
    return m.synonymsVersion === undefined || (synonyms !== undefined && (await synonyms.snapshot()).version === m.synonymsVersion);
  }
}
