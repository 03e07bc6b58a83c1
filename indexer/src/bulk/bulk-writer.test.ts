import { errors } from '@elastic/elasticsearch';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BulkClient } from '../adapters/bulk-api';
import { BulkWriter, type BulkWriterOptions } from './bulk-writer';
import type { BulkOperation } from './to-bulk-operation';

/** One scripted `_bulk` answer: a status per document id sent, or an error the whole request throws. */
type Round = Record<string, number> | Error;

const log = pino({ level: 'silent' });

function operation(id: string): BulkOperation {
  return { action: { index: { _index: 'products', _id: id, version: 1, version_type: 'external' } }, document: { id } };
}

/**
 * A fake `_bulk` that answers with the scripted rounds in turn (the last one repeats) and records which
 * ids each request carried: its body is NDJSON, an action line then a document line per item.
 */
function scriptedBulk(ids: string[], rounds: Round[]) {
  const ops = ids.map(operation);
  const requests: string[][] = [];
  const documents: unknown[] = [];
  const es: BulkClient = {
    async bulk({ body }) {
      const lines: unknown[] = body.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
      const actions = lines.filter((_, i) => i % 2 === 0);
      const sent = actions.map((a) => z.object({ index: z.object({ _id: z.string() }) }).parse(a).index._id);
      documents.push(...lines.filter((_, i) => i % 2 === 1));
      requests.push(sent);
      const round = rounds[requests.length - 1] ?? rounds.at(-1);
      if (round === undefined) throw new Error('no scripted round');
      if (round instanceof Error) throw round;
      return {
        items: sent.map((id) => {
          const status = round[id];
          if (status === undefined) throw new Error(`round ${requests.length} has no status for ${id}`);
          const error = status >= 300 ? { type: `error_${status}`, reason: `status ${status}` } : undefined;
          return { index: { _index: 'products', _id: id, status, error } };
        }),
      };
    },
  };
  return { ops, es, requests, documents };
}

/** The write time every writer here stamps, and what an acknowledged item reports it was written with. */
const writtenAt = new Date('2026-01-02T03:04:05.000Z');
const acked = { kind: 'ack', indexedAt: writtenAt.toISOString() } as const;

function writer(es: BulkClient, options: Partial<BulkWriterOptions> = {}) {
  // Backoff of a few milliseconds keeps every retry path fast with real timers.
  return new BulkWriter(es, log, {
    now: () => writtenAt,
    maxRetries: 2,
    isClusterHealthy: () => true,
    isStopping: () => false,
    baseBackoffMs: 1,
    maxBackoffMs: 4,
    ...options,
  });
}

const failing = (n: number, round: Round): Round[] => Array.from({ length: n }, () => round);

describe('BulkWriter', () => {
  it('acks every item of an all-201 response in one request, stamping indexedAt', async () => {
    const { ops, es, requests, documents } = scriptedBulk(['a', 'b', 'c'], [{ a: 201, b: 201, c: 201 }]);
    const outcomes = await writer(es).write(ops);
    expect(outcomes).toEqual([acked, acked, acked]);
    expect(requests).toEqual([['a', 'b', 'c']]);
    expect(documents).toEqual(['a', 'b', 'c'].map((id) => ({ id, indexedAt: writtenAt.toISOString() })));
  });

  it('settles 201/409/400 at once and resends only the 429 item', async () => {
    const { ops, es, requests } = scriptedBulk(['ok', 'old', 'busy', 'bad'], [{ ok: 201, old: 409, busy: 429, bad: 400 }, { busy: 201 }]);
    const outcomes = await writer(es).write(ops);
    expect(requests).toEqual([['ok', 'old', 'busy', 'bad'], ['busy']]);
    expect(outcomes).toEqual([
      acked,
      { kind: 'stale' },
      acked,
      { kind: 'reject', reason: '400 error_400: status 400' },
    ]);
  });

  it('retries every item when the request fails as a whole', async () => {
    const { ops, es, requests } = scriptedBulk(['a', 'b'], [new errors.ConnectionError('connect ECONNREFUSED'), { a: 201, b: 409 }]);
    const outcomes = await writer(es).write(ops);
    expect(requests).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
    expect(outcomes).toEqual([acked, { kind: 'stale' }]);
  });

  describe('retry budget', () => {
    // Five failed rounds then success: the default budget here (maxRetries: 2) allows 3 sends, so only uncounted retries get through.
    it.each<{ failure: string; round: Round; healthy: boolean }>([
      { failure: '429 items while healthy', round: { a: 429 }, healthy: true },
      { failure: 'a connection error while healthy', round: new errors.ConnectionError('connect ECONNREFUSED'), healthy: true },
      { failure: 'a timeout while healthy', round: new errors.TimeoutError('Request timed out'), healthy: true },
      { failure: '503 items while unhealthy', round: { a: 503 }, healthy: false },
      { failure: 'a plain request error while unhealthy', round: new Error('socket hang up'), healthy: false },
    ])('does not count retries after $failure', async ({ round, healthy }) => {
      const { ops, es, requests } = scriptedBulk(['a'], [...failing(5, round), { a: 201 }]);
      const outcomes = await writer(es, { isClusterHealthy: () => healthy }).write(ops);
      expect(requests).toHaveLength(6);
      expect(outcomes).toEqual([acked]);
    });

    it.each<{ failure: string; ids: string[]; round: Round; reason: RegExp }>([
      { failure: '503 items while healthy', ids: ['a'], round: { a: 503 }, reason: /^503 error_503/ },
      { failure: '500 and 429 items while healthy', ids: ['a', 'b'], round: { a: 500, b: 429 }, reason: /^500 error_500/ },
      { failure: 'a plain request error while healthy', ids: ['a'], round: new Error('socket hang up'), reason: /^bulk request failed: socket hang up$/ },
    ])('counts retries after $failure and returns retry once the budget is spent', async ({ ids, round, reason }) => {
      const { ops, es, requests } = scriptedBulk(ids, [...failing(5, round), { a: 201, b: 201 }]);
      const outcomes = await writer(es).write(ops);
      expect(requests).toHaveLength(3);
      expect(outcomes[0]).toEqual({ kind: 'retry', reason: expect.stringMatching(reason) });
    });

    it('keeps items that settled along the way when the rest run out of retries', async () => {
      const { ops, es, requests } = scriptedBulk(['ok', 'flaky'], [{ ok: 201, flaky: 503 }, { flaky: 503 }]);
      const outcomes = await writer(es, { maxRetries: 1 }).write(ops);
      expect(requests).toEqual([['ok', 'flaky'], ['flaky']]);
      expect(outcomes).toEqual([acked, { kind: 'retry', reason: '503 error_503: status 503' }]);
    });
  });

  describe('shutdown', () => {
    it('returns retry outcomes without backing off when already stopping', async () => {
      const { ops, es, requests } = scriptedBulk(['a', 'b'], [{ a: 201, b: 429 }]);
      const outcomes = await writer(es, { isStopping: () => true }).write(ops);
      expect(requests).toHaveLength(1);
      expect(outcomes).toEqual([acked, { kind: 'retry', reason: '429 error_429: status 429' }]);
    });

    it('wakes from a long backoff when stopping begins and returns after one last attempt', async () => {
      const { ops, es, requests } = scriptedBulk(['a'], [new errors.ConnectionError('connect ECONNREFUSED')]);
      let stopping = false;
      const started = Date.now();
      const pending = writer(es, { baseBackoffMs: 60_000, maxBackoffMs: 60_000, isStopping: () => stopping }).write(ops);
      setTimeout(() => (stopping = true), 20);
      const outcomes = await pending;
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(requests).toHaveLength(2);
      expect(outcomes).toEqual([{ kind: 'retry', reason: 'bulk request failed: connect ECONNREFUSED' }]);
    });
  });
});
