import { createHash } from 'node:crypto';
import { clientKey, type ClientPrefix } from '@catalog/contract/http';
import type { SearchRecord } from '../es/analytics-store';
import { hashClient, utcDay, type DaySalt } from './day-salt';
import { isSuggestible, type SuggestionRules } from './suggestion-rules';

export type SearchRecorderOptions = {
  /** Writes one batch (the Elasticsearch bulk); a rejection keeps the batch for the next flush. */
  sink: (records: SearchRecord[]) => Promise<void>;
  /** The day's HMAC key (`createDaySalt`): client addresses are hashed with it and never kept. */
  daySalt: DaySalt;
  /** Queries that break them are not recorded at all. */
  rules: SuggestionRules;
  /** Distinct queries recorded per client and day; the rest of a client's day is not counted. */
  maxQueriesPerClientDay: number;
  /** Bound on the (client, query) pairs and clients remembered per day to skip repeats before Elasticsearch. */
  maxTrackedPairs: number;
  flushEveryMs: number;
  maxBatch: number;
  /** Bound on buffered records while the sink is failing; the oldest are dropped first. */
  maxBuffer: number;
  onFlush?: (info: { count: number; reason: 'size' | 'timer' | 'close' }) => void;
  onError?: (err: unknown) => void;
  onDrop?: (count: number) => void;
  now?: () => Date;
};

/**
 * Analytics tell clients apart by network, coarser than rate limits: an IPv4 /24 and an IPv6 /48 (what one site
 * or subscriber is routinely given), so that one attacker's addresses count as one client.
 */
export const ANALYTICS_CLIENT_PREFIX: ClientPrefix = { ipv4Bits: 24, ipv6Bits: 48 };

const recordId = (day: string, client: string, query: string) => createHash('sha256').update(`${day}\n${client}\n${query}`).digest('base64url');

/**
 * Records which clients searched which query, once per client, query and day, and writes them in bulk: on size,
 * on a timer, and once more on `close()`. Counting clients instead of requests is what keeps one client from
 * making its string popular; the salted hash keeps the address out of storage. Best effort: a slow or failing
 * Elasticsearch never slows a search down.
 */
export class SearchRecorder {
  private buffer: SearchRecord[] = [];
  private flushing: Promise<void> | undefined;
  private readonly hashing = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private day = '';
  private readonly seen = new Set<string>();
  private readonly perClient = new Map<string, number>();
  /** Client hashes by address under one salt: an HMAC and a SHA-256 per search were ~15 µs of a cache hit's CPU (issue 18). */
  private salted = { salt: '', clients: new Map<string, string>() };
  private readonly now: () => Date;

  constructor(private readonly options: SearchRecorderOptions) {
    if (options.maxBatch < 1 || options.maxBuffer < options.maxBatch) throw new Error('SearchRecorder: need 1 ≤ maxBatch ≤ maxBuffer');
    if (options.maxQueriesPerClientDay < 1 || options.maxTrackedPairs < 1) throw new Error('SearchRecorder: per-client and tracking bounds must be ≥ 1');
    this.now = options.now ?? (() => new Date());
    this.timer = setInterval(() => void this.flush('timer'), options.flushEveryMs);
    this.timer.unref();
  }

  /** Count one search of an already normalised query from a client address (undefined = one unknown client). */
  record(query: string, hits: number, clientAddress: string | undefined): void {
    if (this.closed || !isSuggestible(query, this.options.rules)) return;
    const at = this.now();
    const day = utcDay(at);
    // The day's shared salt once known: recorded at once, without a promise per search.
    const known = this.options.daySalt.settled?.(day);
    if (known !== undefined) return this.admit(known, day, query, hits, clientAddress, at);
    const admitted = this.options
      .daySalt(day)
      .then((salt) => this.admit(salt, day, query, hits, clientAddress, at))
      .catch((err: unknown) => this.options.onError?.(err));
    this.hashing.add(admitted);
    void admitted.finally(() => this.hashing.delete(admitted));
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Write everything recorded so far (one flush at a time). */
  async flush(reason: 'size' | 'timer' | 'close' = 'timer'): Promise<void> {
    await Promise.all(this.hashing);
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.flushOnce(reason).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  /** Stop the timer and drain what is recorded; idempotent. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
    await this.flush('close');
  }

  private admit(salt: string, day: string, query: string, hits: number, clientAddress: string | undefined, at: Date): void {
    const client = this.clientHash(salt, clientAddress ?? '');
    if (day !== this.day) {
      this.day = day;
      this.seen.clear();
      this.perClient.clear();
    }
    // The pair within the day: its stored id (a SHA-256) is only computed for a pair not seen yet.
    const pair = `${client}\n${query}`;
    if (this.seen.has(pair)) return;
    const count = this.perClient.get(client) ?? 0;
    if (count >= this.options.maxQueriesPerClientDay) return;
    // Bounded memory: when full, forget and rely on the stored ids (a repeat then costs one ignored create).
    for (const tracked of [this.seen, this.perClient]) if (tracked.size >= this.options.maxTrackedPairs) tracked.clear();
    this.seen.add(pair);
    this.perClient.set(client, count + 1);
    this.buffer.push({ id: recordId(day, client, query), query, hits, client, day, at: at.toISOString() });
    this.trim();
    if (this.buffer.length >= this.options.maxBatch) void this.flush('size');
  }

  /**
   * `hashClient` of the address's client key under the salt, remembered by address until the salt changes (a new day, or
   * the shared salt after a local one): a repeat neither parses the address again nor hashes it.
   */
  private clientHash(salt: string, address: string): string {
    if (salt !== this.salted.salt) this.salted = { salt, clients: new Map() };
    const { clients } = this.salted;
    let hash = clients.get(address);
    if (hash === undefined) {
      if (clients.size >= this.options.maxTrackedPairs) clients.clear();
      hash = hashClient(salt, clientKey(address, ANALYTICS_CLIENT_PREFIX));
      clients.set(address, hash);
    }
    return hash;
  }

  private trim(): void {
    const drop = this.buffer.length - this.options.maxBuffer;
    if (drop <= 0) return;
    this.buffer.splice(0, drop);
    this.options.onDrop?.(drop);
  }

  private async flushOnce(reason: 'size' | 'timer' | 'close'): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        await this.options.sink(batch);
        this.options.onFlush?.({ count: batch.length, reason });
      } catch (err) {
        this.options.onError?.(err);
        if (reason === 'close') {
          this.options.onDrop?.(batch.length + this.buffer.length);
          this.buffer = [];
        } else {
          // Keep the batch for the next timer; `admit` bounds the buffer.
          this.buffer.unshift(...batch);
          this.trim();
        }
        return;
      }
    }
  }
}
