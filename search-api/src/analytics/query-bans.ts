import { HttpProblem } from '@catalog/contract/http';
import type { AnalyticsStore, QueryBan } from '../es/analytics-store';
import { isSuggestible, type SuggestionRules } from './suggestion-rules';

/** Most banned queries: they travel in every popular-list request (≤ 1 000 × 200 chars), so the list is bounded. */
export const MAX_BANNED_QUERIES = 1_000;

export type BannedQueries = ReadonlyMap<string, QueryBan>;

export type BanListOptions = {
  store: Pick<AnalyticsStore, 'listBans' | 'putBan' | 'deleteBan'>;
  /** How old this instance's copy may get before it is re-read (in the background): other instances' bans apply within it. */
  refreshEveryMs: number;
  onError?: (err: unknown) => void;
  now?: () => number;
};

/**
 * The banned queries, kept in memory and re-read from the store every `refreshEveryMs`. A ban made here applies
 * here at once and on other instances within the refresh interval. Until the list was read once, `snapshot()` is
 * undefined and callers show no recorded queries at all (fail closed: a ban must never be missed).
 */
export class BanList {
  private bans = new Map<string, QueryBan>();
  private loadedAt: number | undefined;
  private loading: Promise<void> | undefined;
  /** Bumped by every local ban/unban: a read that started before one is stale and discarded. */
  private changes = 0;
  private readonly now: () => number;

  constructor(private readonly options: BanListOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current bans by query, or undefined when they could never be read. */
  async snapshot(): Promise<BannedQueries | undefined> {
    if (this.loadedAt === undefined) {
      await this.refresh().catch((err: unknown) => this.options.onError?.(err));
      return this.loadedAt === undefined ? undefined : this.bans;
    }
    if (this.now() - this.loadedAt >= this.options.refreshEveryMs) void this.refresh().catch((err: unknown) => this.options.onError?.(err));
    return this.bans;
  }

  /** Ban a normalised query (idempotent); 409 when the list is full. */
  async ban(query: string): Promise<QueryBan> {
    const bans = await this.required();
    const existing = bans.get(query);
    if (existing) return existing;
    if (bans.size >= MAX_BANNED_QUERIES) throw new HttpProblem('conflict', `at most ${MAX_BANNED_QUERIES} banned queries; unban some first`);
    const ban = { query, bannedAt: new Date(this.now()).toISOString() };
    await this.options.store.putBan(ban);
    this.changes++;
    this.bans.set(query, ban);
    return ban;
  }

  /** Lift a ban; false when the query was not banned. */
  async unban(query: string): Promise<boolean> {
    await this.required();
    const removed = await this.options.store.deleteBan(query);
    this.changes++;
    this.bans.delete(query);
    return removed;
  }

  private async required(): Promise<BannedQueries> {
    const bans = await this.snapshot();
    if (!bans) throw new HttpProblem('unavailable', 'the banned queries cannot be read; retry shortly');
    return bans;
  }

  private refresh(): Promise<void> {
    const changesBefore = this.changes;
    this.loading ??= this.options.store
      .listBans(MAX_BANNED_QUERIES)
      .then((list) => {
        if (this.changes !== changesBefore && this.loadedAt !== undefined) return;
        this.bans = new Map(list.map((b) => [b.query, b]));
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

/** Whether a recorded query may be shown to users: the rules hold and it is not banned. */
export const mayShow = (query: string, rules: SuggestionRules, bans: BannedQueries): boolean => isSuggestible(query, rules) && !bans.has(query);

/** Banned queries that start with `prefix` (all for ''), for the request's `must_not`. */
export function bannedWithPrefix(bans: BannedQueries, prefix: string): string[] {
  return [...bans.keys()].filter((q) => q.startsWith(prefix));
}
