import type { Client } from '@elastic/elasticsearch';
import { DeadLetterRecord, type Cursor } from './dead-letter-record';

/** Where dead letters are kept: the admin API and the dead-letter consumer depend on this, not on ES. */
export interface DeadLetterStore {
  /** Create the backing storage when missing. */
  ensure(): Promise<void>;
  /** Keep a record durably (idempotent by id); resolves only once it is stored. */
  put(record: DeadLetterRecord): Promise<void>;
  /** Newest first, strictly after `after`. */
  list(limit: number, after?: Cursor): Promise<{ items: DeadLetterRecord[]; last?: Cursor }>;
  /** `undefined` = no such id. */
  get(id: string): Promise<DeadLetterRecord | undefined>;
  /** Whether it existed. */
  delete(id: string): Promise<boolean>;
}

const MAPPING = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    receivedAt: { type: 'date' },
    reason: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 512 } } },
    deliveryAttempts: { type: 'integer' },
    // Kept for display and replay only; not searchable, so arbitrary attribute names cannot explode the mapping.
    attributes: { type: 'object', enabled: false },
    data: { type: 'keyword', index: false, doc_values: false },
    dataEncoding: { type: 'keyword' },
    source: { type: 'keyword' },
    deadLetterMessageId: { type: 'keyword' },
  },
} as const;

/** The dead-letter store in an Elasticsearch index of its own. */
export class EsDeadLetterStore implements DeadLetterStore {
  constructor(
    private readonly es: Client,
    private readonly index: string,
  ) {}

  async ensure(): Promise<void> {
    if (await this.es.indices.exists({ index: this.index })) return;
    await this.es.indices.create(
      { index: this.index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPING },
      // Two processes starting at once both try: the loser's 400 resource_already_exists is fine.
      { ignore: [400] },
    );
    if (!(await this.es.indices.exists({ index: this.index }))) throw new Error(`could not create dead-letter index ${this.index}`);
  }

  async put(record: DeadLetterRecord): Promise<void> {
    // wait_for: once the message is acked, the admin list shows it (dead letters are rare, so this is cheap).
    await this.es.index({ index: this.index, id: record.id, document: record, refresh: 'wait_for' });
  }

  async list(limit: number, after?: Cursor): Promise<{ items: DeadLetterRecord[]; last?: Cursor }> {
    const response = await this.es.search({
      index: this.index,
      size: limit,
      sort: [{ receivedAt: 'desc' }, { id: 'desc' }],
      ...(after ? { search_after: after } : {}),
      track_total_hits: false,
    });
    const hits = response.hits.hits;
    const items = hits.map((h) => DeadLetterRecord.parse(h._source));
    const sort = hits.at(-1)?.sort;
    const last: Cursor | undefined =
      sort && typeof sort[0] === 'number' && typeof sort[1] === 'string' ? [sort[0], sort[1]] : undefined;
    return { items, ...(last && items.length === limit ? { last } : {}) };
  }

  async get(id: string): Promise<DeadLetterRecord | undefined> {
    const response = await this.es.get({ index: this.index, id }, { ignore: [404] });
    return response.found ? DeadLetterRecord.parse(response._source) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const response = await this.es.delete({ index: this.index, id, refresh: 'wait_for' }, { ignore: [404] });
    return response.result === 'deleted';
  }
}
