import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { Product, Timestamp, eventAttributes, type ProductEvent } from '@catalog/contract';
import { listProducts, type ListQuery, type ListPage } from './product-list';

/** A product's master record: the latest accepted state and its version. */
export type MasterRecord = { product: Product; version: number; updatedAt: string };

/** The routing fields of an outbox event. */
const Envelope = z.object({ type: z.enum(['product.upserted', 'product.deleted']), eventId: z.string(), productId: z.string(), version: z.number() });
export type OutboxEnvelope = z.infer<typeof Envelope>;

/**
 * An event waiting in (or published from) the outbox: its stored JSON, published byte for byte. Not parsed
 * with today's schema again: an event accepted under older rules must still leave (the indexer dead-letters
 * it with the reason) instead of stopping every event behind it.
 */
export type OutboxEntry = { seq: number; data: string; event: OutboxEnvelope; attributes: Record<string, string> };

/** Thrown when a stored product no longer meets the product schema (written under older rules). */
export class StoredProductInvalidError extends Error {
  constructor(
    readonly id: string,
    readonly issues: z.ZodError,
  ) {
    super(`stored product ${id} does not meet the current product rules`, { cause: issues });
    this.name = 'StoredProductInvalidError';
  }
}

/**
 * A condition on the current version (undefined = no live record), checked inside the write transaction so
 * that no other write can slip in between the check and the change (conditional requests, `If-Match`).
 */
export type Precondition = (currentVersion: number | undefined) => boolean;

/** Thrown when a write's precondition does not hold; nothing was written. */
export class PreconditionFailedError extends Error {
  constructor(readonly currentVersion: number | undefined) {
    super(currentVersion === undefined ? 'the product does not exist' : `the product is at version ${currentVersion}`);
    this.name = 'PreconditionFailedError';
  }
}

/** An outbox event as the admin page lists it (no product body). */
export type RecentEvent = { seq: number; type: string; productId: string; version: number; occurredAt: string; publishedAt: string | null };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS products (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    data TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    product_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT
  );
  CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
  CREATE INDEX IF NOT EXISTS outbox_published ON outbox (seq) WHERE published_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS products_deleted ON products (deleted);
`;

const ProductRow = z.object({ id: z.string(), version: z.number(), deleted: z.number(), data: z.string().nullable(), updated_at: z.string() });
const OutboxRow = z.object({ seq: z.number(), data: z.string() });
const RecentRow = z.object({ seq: z.number(), type: z.string(), product_id: z.string(), version: z.number(), created_at: z.string(), published_at: z.string().nullable() });
const Count = z.object({ n: z.number() });
const StoredCreatedAt = z.object({ createdAt: Timestamp });

function prepareStatements(db: Database.Database) {
  return {
    row: db.prepare('SELECT id, version, deleted, data, updated_at FROM products WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO products (id, version, deleted, data, updated_at) VALUES (?, ?, 0, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, deleted = 0, data = excluded.data, updated_at = excluded.updated_at`,
    ),
    markDeleted: db.prepare('UPDATE products SET version = ?, deleted = 1, data = NULL, updated_at = ? WHERE id = ?'),
    enqueue: db.prepare('INSERT INTO outbox (event_id, product_id, version, data, created_at) VALUES (?, ?, ?, ?, ?)'),
    pending: db.prepare('SELECT seq, data FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?'),
    markPublished: db.prepare('UPDATE outbox SET published_at = ? WHERE seq = ?'),
    pendingCount: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL'),
    recent: db.prepare(
      `SELECT seq, json_extract(data, '$.type') AS type, product_id, version, created_at, published_at
       FROM outbox ORDER BY seq DESC LIMIT ?`,
    ),
    // Through the published rows' own index: a range over the table would walk the whole unpublished backlog on every
    // pass (a relay behind by 100 000 events spent 61 % of its time here).
    prune: db.prepare('DELETE FROM outbox INDEXED BY outbox_published WHERE published_at IS NOT NULL AND seq <= (SELECT MAX(seq) FROM outbox) - ?'),
    maxRowid: db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM products'),
    liveAtOrAfter: db.prepare('SELECT id FROM products WHERE rowid >= ? AND deleted = 0 ORDER BY rowid LIMIT 1'),
    counts: db.prepare('SELECT COUNT(*) AS n FROM products WHERE deleted = ?'),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/**
 * Master data and outbox in one SQLite file. Every change writes the new master state and its event in
 * one transaction, so an accepted change always has an event to publish (transactional outbox). Deleted
 * products keep their row so that versions keep increasing if the id comes back.
 */
export class MasterStore {
  private readonly db: Database.Database;
  private readonly stmts: Statements;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL: readers (GET, the relay) do not block the writer; synchronous=NORMAL is durable across process
    // crashes, which is the failure this store guards against. The seed CLI may write while the inventory
    // process runs, so a writer waits for the other's lock instead of failing at once.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.stmts = prepareStatements(this.db);
  }

  /** The live product, or undefined when unknown or deleted; throws StoredProductInvalidError for a record of older rules. */
  get(id: string): MasterRecord | undefined {
    const row = this.row(id);
    if (!row || row.deleted || row.data === null) return undefined;
    const product = Product.safeParse(JSON.parse(row.data));
    if (!product.success) throw new StoredProductInvalidError(id, product.error);
    return { product: product.data, version: row.version, updatedAt: row.updated_at };
  }

  /** The stored `createdAt` of a live product when it is a valid timestamp (also for records of older rules). */
  createdAtOf(id: string): string | undefined {
    const row = this.row(id);
    if (!row || row.deleted || row.data === null) return undefined;
    return StoredCreatedAt.safeParse(JSON.parse(row.data)).data?.createdAt;
  }

  /** Run `fn` as one write transaction (IMMEDIATE: takes the write lock first, so two processes never deadlock). */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Store the full product and queue its `product.upserted` event, atomically (only if `precondition` holds). */
  upsert(product: Product, now = new Date(), precondition?: Precondition): ProductEvent {
    return this.batch(() => {
      this.check(product.id, precondition);
      return this.writeUpsert(product, now.toISOString());
    });
  }

  /** Upsert many products in one transaction (seeding, imports); returns how many events were queued. */
  upsertMany(products: Iterable<Product>, now = new Date()): number {
    return this.batch(() => {
      const at = now.toISOString();
      let n = 0;
      for (const product of products) {
        this.writeUpsert(product, at);
        n += 1;
      }
      return n;
    });
  }

  /** Mark deleted and queue `product.deleted`; undefined when the product is unknown or already deleted. */
  delete(id: string, now = new Date(), precondition?: Precondition): ProductEvent | undefined {
    return this.batch(() => {
      const row = this.row(id);
      if (!row || row.deleted) return undefined;
      this.check(id, precondition);
      const version = row.version + 1;
      const at = now.toISOString();
      this.stmts.markDeleted.run(version, at, id);
      return this.enqueue({ type: 'product.deleted', eventId: randomUUID(), productId: id, version, occurredAt: at });
    });
  }

  /** One page of master records, filtered (admin list). */
  list(query: ListQuery): ListPage {
    return listProducts(this.db, query);
  }

  /**
   * A live product id picked by `u` ∈ [0, 1): the first live row at or after that fraction of the table
   * (cheap at any size; used by the change simulator). Undefined when nothing is live.
   */
  liveIdAt(u: number): string | undefined {
    const max = Count.parse(this.stmts.maxRowid.get()).n;
    const row = this.stmts.liveAtOrAfter.get(Math.floor(u * max) + 1) ?? this.stmts.liveAtOrAfter.get(1);
    return row === undefined ? undefined : z.object({ id: z.string() }).parse(row).id;
  }

  /** Oldest unpublished events, in the order they were accepted. */
  pending(limit: number): OutboxEntry[] {
    const rows = z.array(OutboxRow).parse(this.stmts.pending.all(limit));
    return rows.map((r) => {
      const event = Envelope.parse(JSON.parse(r.data));
      return { seq: r.seq, data: r.data, event, attributes: eventAttributes(event) };
    });
  }

  /** Mark events as acknowledged by Pub/Sub. */
  markPublished(seqs: readonly number[], now = new Date()): void {
    const at = now.toISOString();
    this.batch(() => seqs.forEach((seq) => this.stmts.markPublished.run(at, seq)));
  }

  /** Forget published events except the newest `keep` (they only serve the recent-events view). */
  prunePublished(keep: number): number {
    return this.stmts.prune.run(keep).changes;
  }

  /** Number of events not yet acknowledged by Pub/Sub. */
  pendingCount(): number {
    return Count.parse(this.stmts.pendingCount.get()).n;
  }

  /** Newest outbox events first, with whether Pub/Sub has acknowledged each. */
  recentEvents(limit: number): RecentEvent[] {
    return z.array(RecentRow).parse(this.stmts.recent.all(limit)).map((r) => ({
      seq: r.seq,
      type: r.type,
      productId: r.product_id,
      version: r.version,
      occurredAt: r.created_at,
      publishedAt: r.published_at,
    }));
  }

  /** Live and deleted product counts. */
  counts(): { live: number; deleted: number } {
    return { live: Count.parse(this.stmts.counts.get(0)).n, deleted: Count.parse(this.stmts.counts.get(1)).n };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private check(id: string, precondition: Precondition | undefined): void {
    if (!precondition) return;
    const row = this.row(id);
    const current = row && !row.deleted ? row.version : undefined;
    if (!precondition(current)) throw new PreconditionFailedError(current);
  }

  private row(id: string) {
    const row = this.stmts.row.get(id);
    return row === undefined ? undefined : ProductRow.parse(row);
  }

  /** The write of an upsert; callers hold the transaction (one savepoint per product would halve seeding speed). */
  private writeUpsert(product: Product, at: string): ProductEvent {
    const version = (this.row(product.id)?.version ?? 0) + 1;
    this.stmts.upsert.run(product.id, version, JSON.stringify(product), at);
    return this.enqueue({ type: 'product.upserted', eventId: randomUUID(), productId: product.id, version, occurredAt: at, product });
  }

  private enqueue(event: ProductEvent): ProductEvent {
    this.stmts.enqueue.run(event.eventId, event.productId, event.version, JSON.stringify(event), event.occurredAt);
    return event;
  }
}
