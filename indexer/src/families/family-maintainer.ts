import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, estypes } from '@elastic/elasticsearch';
import { classifyEsError, classifyEsResponse, isTransientEsFailure } from '@catalog/contract/elasticsearch';
import type { Logger } from 'pino';
import { z } from 'zod';
import { bulkApi, ndjsonBody, type BulkClient } from '../adapters/bulk-api';
import {
  candidateIds, familyBulkLines, idsByNamedKey, listedElsewhereIds, namedKeys, planFamilyWrite, statesFromListing, writtenById,
  type FamilyChange, type FamilyState, type FamilyWrite, type ListedFamily, type WrittenProduct,
} from './plan-family-writes';
import { ProductSource } from './to-family-document';

export type FamilyMaintainerOptions = {
  /** Products alias or index the families are derived from, and the families alias or index they are written to. */
  productsIndex: string;
  familiesIndex: string;
  /** Recomputations of a family after a conflict or a member that changed meanwhile, before the batch fails. */
  maxRedos: number;
  /**
   * Failed requests (transient trouble) retried before the batch fails; their messages stay leased meanwhile. While the
   * cluster is known to be down (`isClusterHealthy`; without it every retry counts) retries are not counted: an
   * outage of any length burns no delivery attempt, as for the product bulk.
   */
  maxTransientRetries: number;
  isClusterHealthy?: () => boolean;
  /** Called with true when a step starts waiting for the cluster and false when it stops (the backpressure gauge). */
  onBackoff?: (waiting: boolean) => void;
  /** Products read per round at most (memory bound); more families wait for the next round. */
  maxCandidates: number;
  isStopping: () => boolean;
  events?: FamilyEvents;
};

/** Counters for the metrics; all optional. */
export type FamilyEvents = {
  wrote?: (op: FamilyWrite['op'], n: number) => void;
  redo?: (reason: 'conflict' | 'changed' | 'error', n: number) => void;
};

/** The families of a batch could not be brought up to date: its messages must be redelivered. */
export class FamilyMaintenanceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FamilyMaintenanceError';
  }
}

type Versions = Map<string, number | undefined>;
/** A family to recompute and the products it is recomputed from. */
type Recomputed = { state: FamilyState; ids: string[] };
/** What a round knows of the batch: the products naming each family, and the documents it wrote (first pass only). */
type Batch = { named: ReadonlyMap<string, readonly string[]>; written: ReadonlyMap<string, WrittenProduct> };

/**
 * Keeps the families index derived from the products index (issue 17), correct under reordered and duplicated
 * events and competing indexers. After a batch's product writes: every family a written product names now or is
 * still listed in is recomputed from a realtime read of its candidate products and written under optimistic
 * concurrency (if_seq_no/if_primary_term, or create); a conflict, or a candidate whose version changed between the
 * read and the write (a concurrent move), recomputes the family again. Throws FamilyMaintenanceError when the
 * retries run out, so that the batch is redelivered (redelivered events are stale for the products index but
 * still recompute their families).
 */
export class FamilyMaintainer {
  private readonly bulk: BulkClient;

  constructor(
    private readonly es: Client,
    private readonly log: Logger,
    private readonly options: FamilyMaintainerOptions,
  ) {
    this.bulk = bulkApi(es);
  }

  async maintain(changes: readonly FamilyChange[]): Promise<void> {
    if (changes.length === 0) return;
    // The first pass takes the states the lookup found; a recomputation reads them again (realtime).
    let known: FamilyState[] | undefined = await this.retrying(() => this.affected(changes));
    let pending = known.map((s) => s.key);
    const named = idsByNamedKey(changes);
    const written = writtenById(changes);
    for (let redos = 0; pending.length > 0; redos += 1) {
      if (redos > this.options.maxRedos) throw new FamilyMaintenanceError(`families still conflicting after ${this.options.maxRedos} recomputations: ${pending.slice(0, 5).join(', ')}`);
      if (redos > 0) await sleep(Math.random() * Math.min(1000, 10 * 2 ** redos));
      const current = pending;
      const states = known;
      // A recomputation follows a conflict or a changed member: it reads every product from the index.
      const batch: Batch = { named, written: redos === 0 ? written : new Map() };
      pending = await this.retrying(async () => this.round(states ?? (await this.readFamilies(current)), batch));
      known = undefined;
    }
  }

  /**
   * The families to recompute and their state: the ones the products name now and the ones that still list them.
   * When every product was created by its write, nothing can list it yet: a realtime read of the named families.
   * Otherwise one search after a refresh finds both (a family written by a pass that finished before this one
   * started is visible; one written later either conflicts with our guarded write or re-reads these products).
   */
  private async affected(changes: readonly FamilyChange[]): Promise<FamilyState[]> {
    const named = namedKeys(changes);
    const ids = listedElsewhereIds(changes);
    if (ids.length === 0) return this.readFamilies(named);
    await this.es.indices.refresh({ index: this.options.familiesIndex });
    return statesFromListing(named, await this.listing(ids, named));
  }

  /** Families listing any of `ids` or with a key in `keys` (refreshed search); halves the lookup when a page is full. */
  private async listing(ids: readonly string[], keys: readonly string[]): Promise<ListedFamily[]> {
    const size = Math.min(10_000, 2 * ids.length + keys.length + 10);
    const should: estypes.QueryDslQueryContainer[] = [{ terms: { memberIds: [...ids] } }];
    if (keys.length > 0) should.push({ ids: { values: [...keys] } });
    const response = await this.es.search({
      index: this.options.familiesIndex,
      size,
      _source: ['memberIds'],
      seq_no_primary_term: true,
      track_total_hits: false,
      query: { bool: { should } },
    });
    const hits = response.hits.hits;
    if (hits.length >= size) {
      // More families than one page holds: none may be missed, so look them up in halves.
      if (ids.length + keys.length <= 1) throw new FamilyMaintenanceError(`more than ${size} families list ${ids[0] ?? keys[0]}`);
      const mid = Math.ceil((ids.length + keys.length) / 2);
      const first = await this.listing(ids.slice(0, mid), keys.slice(0, Math.max(0, mid - ids.length)));
      return [...first, ...(await this.listing(ids.slice(mid), keys.slice(Math.max(0, mid - ids.length))))];
    }
    return hits.flatMap((hit): ListedFamily[] => {
      if (hit._id === undefined || hit._seq_no === undefined || hit._primary_term === undefined) return [];
      return [{ key: hit._id, seqNo: hit._seq_no, primaryTerm: hit._primary_term, memberIds: MemberIds.parse(hit._source).memberIds }];
    });
  }

  /** One pass over `states` (in chunks of at most maxCandidates products); the keys to recompute again. */
  private async round(states: readonly FamilyState[], batch: Batch): Promise<string[]> {
    const redo: string[] = [];
    let chunk: Recomputed[] = [];
    let size = 0;
    for (const state of states) {
      const ids = candidateIds(state, batch.named);
      if (chunk.length > 0 && size + ids.length > this.options.maxCandidates) {
        redo.push(...(await this.recompute(chunk, batch.written)));
        chunk = [];
        size = 0;
      }
      chunk.push({ state, ids });
      size += ids.length;
    }
    if (chunk.length > 0) redo.push(...(await this.recompute(chunk, batch.written)));
    return redo;
  }

  private async recompute(chunk: readonly Recomputed[], own: ReadonlyMap<string, WrittenProduct>): Promise<string[]> {
    const candidates = new Map(chunk.map(({ state, ids }) => [state.key, ids]));
    const products = await this.readProducts([...new Set([...candidates.values()].flat())], own);
    const writes = chunk.flatMap(({ state, ids }) => planFamilyWrite(state, ids.flatMap((id) => products.sources.get(id) ?? [])) ?? []);
    if (writes.length === 0) return [];
    const response = await this.bulk.bulk({ body: ndjsonBody(writes.flatMap((w) => familyBulkLines(w, this.options.familiesIndex))) });
    const conflicts: string[] = [];
    const failed: string[] = [];
    const written: FamilyWrite[] = [];
    response.items.forEach((item, i) => {
      const result = item.create ?? item.index ?? item.delete;
      const write = writes[i];
      if (!result || !write) return;
      if (result.status >= 200 && result.status < 300) return void written.push(write);
      // A guarded write whose document changed or vanished meanwhile: recompute from what is there now.
      if (result.status === 409 || (write.op === 'delete' && result.status === 404)) return void conflicts.push(write.key);
      const failure = classifyEsResponse(result.status, result.error);
      if (!isTransientEsFailure(failure.kind)) {
        throw new FamilyMaintenanceError(`family ${write.key} was refused: ${result.status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`);
      }
      failed.push(write.key);
    });
    for (const w of written) this.options.events?.wrote?.(w.op, 1);
    const changed = await this.changedSince(written, candidates, products.versions);
    if (conflicts.length) this.options.events?.redo?.('conflict', conflicts.length);
    if (changed.length) this.options.events?.redo?.('changed', changed.length);
    if (failed.length) this.options.events?.redo?.('error', failed.length);
    if (conflicts.length + changed.length + failed.length > 0) {
      this.log.debug({ conflicts: conflicts.slice(0, 5), changed: changed.slice(0, 5), failed: failed.slice(0, 5) }, 'recomputing families');
    }
    return [...conflicts, ...changed, ...failed];
  }

  /** Written families one of whose candidates changed version since it was read (validation after the write). */
  private async changedSince(written: readonly FamilyWrite[], candidates: Map<string, string[]>, used: Versions): Promise<string[]> {
    if (written.length === 0) return [];
    const ids = [...new Set(written.flatMap((w) => candidates.get(w.key) ?? []))];
    const now = await this.readVersions(ids);
    return written.filter((w) => (candidates.get(w.key) ?? []).some((id) => now.get(id) !== used.get(id))).map((w) => w.key);
  }

  private async readFamilies(keys: readonly string[]): Promise<FamilyState[]> {
    if (keys.length === 0) return [];
    const response = await this.es.mget({ index: this.options.familiesIndex, ids: [...keys], realtime: true, _source_includes: ['memberIds'] });
    return keys.map((key, i): FamilyState => {
      const doc = found(response.docs[i]);
      if (!doc || doc._seq_no === undefined || doc._primary_term === undefined) return { key, found: false };
      const memberIds = MemberIds.parse(doc._source).memberIds;
      return { key, found: true, seqNo: doc._seq_no, primaryTerm: doc._primary_term, memberIds };
    });
  }

  /** The candidates' documents and versions: the batch's own writes as sent, the others by a realtime read. */
  private async readProducts(ids: readonly string[], written: ReadonlyMap<string, WrittenProduct>): Promise<{ sources: Map<string, ProductSource>; versions: Versions }> {
    const sources = new Map<string, ProductSource>();
    const versions: Versions = new Map();
    const unread: string[] = [];
    for (const id of ids) {
      const own = written.get(id);
      if (!own) unread.push(id);
      else {
        versions.set(id, own.version);
        sources.set(id, ProductSource.parse(own.source));
      }
    }
    if (unread.length === 0) return { sources, versions };
    const response = await this.es.mget({ index: this.options.productsIndex, ids: unread, realtime: true });
    unread.forEach((id, i) => {
      const doc = found(response.docs[i]);
      versions.set(id, doc?._version);
      if (doc) sources.set(id, ProductSource.parse(doc._source));
    });
    return { sources, versions };
  }

  private async readVersions(ids: readonly string[]): Promise<Versions> {
    const response = await this.es.mget({ index: this.options.productsIndex, ids: [...ids], realtime: true, _source: false });
    return new Map(ids.map((id, i) => [id, found(response.docs[i])?._version]));
  }

  /** Runs a step again while the cluster is in trouble (bounded); anything else propagates. */
  private async retrying<T>(step: () => Promise<T>): Promise<T> {
    let counted = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await step();
      } catch (err) {
        if (err instanceof FamilyMaintenanceError || !isTransientEsFailure(classifyEsError(err).kind)) throw err;
        const outage = this.options.isClusterHealthy?.() === false;
        if ((!outage && ++counted > this.options.maxTransientRetries) || this.options.isStopping()) {
          throw new FamilyMaintenanceError(`families not maintained: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
        this.log.warn({ err: err instanceof Error ? err.message : err, attempt, outage }, 'family maintenance request failed; retrying');
        this.options.onBackoff?.(true);
        try {
          await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)));
        } finally {
          this.options.onBackoff?.(false);
        }
      }
    }
  }
}

/** What a families document is read for (`_source_includes: memberIds`). */
const MemberIds = z.object({ memberIds: z.array(z.string()) });

/** A document an mget found (undefined: missing or an error). */
function found(doc: estypes.MgetResponseItem | undefined): estypes.GetGetResult | undefined {
  return doc && 'found' in doc && doc.found ? doc : undefined;
}
