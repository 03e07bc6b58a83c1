import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { Product, ProductEvent, eventAttributes } from '@catalog/contract';

/** A product's master record: the latest accepted state and its version. */
export type MasterRecord = { product: Product; version: number; updatedAt: string };

/** An event waiting in (or published from) the outbox. */
export type OutboxEntry = { seq: number; event: ProductEvent; attributes: Record<string, string> };

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
`;

const ProductRow = z.object({ id: z.string(), version: z.number(), deleted: z.number(), data: z.string().nullable(), updated_at: z.string() });
const OutboxRow = z.object({ seq: z.number(), data: z.string() });

/**
 * Master data and outbox in one SQLite file. Every change writes the new master state and its event in
 * one transaction, so an accepted change always has an event to publish (transactional outbox). Deleted
 * products keep their row so that versions keep increasing if the id comes back.
 */
export class MasterStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL: readers (GET, the relay) do not block the writer; synchronous=NORMAL is durable across process
    // crashes, which is the failure this store guards against.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
  }

  /** The live product, or undefined when unknown or deleted. */
  get(id: string): MasterRecord | undefined {
    const row = this.row(id);
    if (!row || row.deleted || row.data === null) return undefined;
    return { product: Product.parse(JSON.parse(row.data)), version: row.version, updatedAt: row.updated_at };
  }

  /** Store the full product and queue its `product.upserted` event, atomically. */
  upsert(product: Product, now = new Date()): ProductEvent {
    return this.db.transaction(() => {
      const version = (this.row(product.id)?.version ?? 0) + 1;
      const at = now.toISOString();
      this.db
        .prepare(
          `INSERT INTO products (id, version, deleted, data, updated_at) VALUES (?, ?, 0, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, deleted = 0, data = excluded.data, updated_at = excluded.updated_at`,
        )
        .run(product.id, version, JSON.stringify(product), at);
      return this.enqueue({ type: 'product.upserted', eventId: randomUUID(), productId: product.id, version, occurredAt: at, product });
    })();
  }

  /** Mark deleted and queue `product.deleted`; undefined when the product is unknown or already deleted. */
  delete(id: string, now = new Date()): ProductEvent | undefined {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (!row || row.deleted) return undefined;
      const version = row.version + 1;
      const at = now.toISOString();
      this.db.prepare('UPDATE products SET version = ?, deleted = 1, data = NULL, updated_at = ? WHERE id = ?').run(version, at, id);
      return this.enqueue({ type: 'product.deleted', eventId: randomUUID(), productId: id, version, occurredAt: at });
    })();
  }

  /** Oldest unpublished events, in the order they were accepted. */
  pending(limit: number): OutboxEntry[] {
    const rows = z.array(OutboxRow).parse(
      this.db.prepare('SELECT seq, data FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?').all(limit),
    );
    return rows.map((r) => {
      const event = ProductEvent.parse(JSON.parse(r.data));
      return { seq: r.seq, event, attributes: eventAttributes(event) };
    });
  }

  /** Mark events as acknowledged by Pub/Sub. */
  markPublished(seqs: readonly number[], now = new Date()): void {
    const stmt = this.db.prepare('UPDATE outbox SET published_at = ? WHERE seq = ?');
    this.db.transaction(() => seqs.forEach((seq) => stmt.run(now.toISOString(), seq)))();
  }

  /** Number of events not yet acknowledged by Pub/Sub. */
  pendingCount(): number {
    return z.object({ n: z.number() }).parse(this.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL').get()).n;
  }

  close(): void {
    this.db.close();
  }

  private row(id: string) {
    const row = this.db.prepare('SELECT id, version, deleted, data, updated_at FROM products WHERE id = ?').get(id);
    return row === undefined ? undefined : ProductRow.parse(row);
  }

  private enqueue(event: ProductEvent): ProductEvent {
    this.db
      .prepare('INSERT INTO outbox (event_id, product_id, version, data, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(event.eventId, event.productId, event.version, JSON.stringify(event), event.occurredAt);
    return event;
  }
}
