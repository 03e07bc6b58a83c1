import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CATEGORY_SEPARATOR, Product } from '@catalog/contract';

/** Filters of the admin list; `deleted`: only live (default), only deleted, or both. */
export type ListQuery = {
  limit: number;
  cursor?: string;
  q?: string;
  brand?: string;
  category?: string;
  deleted?: 'false' | 'true' | 'any';
};

/** One list item: the product when live, just its id and version when deleted (or `invalid` when stored under older rules). */
export type ListItem = { id: string; version: number; deleted: boolean; updatedAt: string; product?: Product; invalid?: true };
export type ListPage = { items: ListItem[]; nextCursor?: string };

const Row = z.object({ id: z.string(), version: z.number(), deleted: z.number(), data: z.string().nullable(), updated_at: z.string() });

/** `%` and `_` are LIKE wildcards; a shopper's "50%" must match literally. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Opaque cursor: the last id of the previous page (keyset paging stays fast and stable under writes). */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

/** Keyset-paged, filtered scan of the products table, ordered by id. */
export function listProducts(db: Database.Database, query: ListQuery): ListPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const deleted = query.deleted ?? 'false';
  if (deleted !== 'any') {
    where.push('deleted = ?');
    params.push(deleted === 'true' ? 1 : 0);
  }
  if (query.cursor) {
    where.push('id > ?');
    params.push(decodeCursor(query.cursor));
  }
  if (query.q) {
    where.push(`(id LIKE ? ESCAPE '\\' OR json_extract(data, '$.title') LIKE ? ESCAPE '\\')`);
    const like = `%${likeEscape(query.q)}%`;
    params.push(like, like);
  }
  if (query.brand) {
    where.push(`json_extract(data, '$.brand') = ? COLLATE NOCASE`);
    params.push(query.brand);
  }
  if (query.category) {
    // The category filter matches the path or anything under it, like the search API's facet.
    where.push(
      `((SELECT group_concat(value, '${CATEGORY_SEPARATOR}') FROM json_each(data, '$.categories')) = ?
        OR (SELECT group_concat(value, '${CATEGORY_SEPARATOR}') FROM json_each(data, '$.categories')) LIKE ? ESCAPE '\\')`,
    );
    params.push(query.category, `${likeEscape(query.category)}${CATEGORY_SEPARATOR}%`);
  }
  const sql = `SELECT id, version, deleted, data, updated_at FROM products
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
  const rows = z.array(Row).parse(db.prepare(sql).all(...params, query.limit + 1));
  const page = rows.slice(0, query.limit);
  const items = page.map((r): ListItem => {
    const item: ListItem = { id: r.id, version: r.version, deleted: r.deleted === 1, updatedAt: r.updated_at };
    if (r.data === null) return item;
    // One record of older rules must not take the whole page down with it.
    const product = Product.safeParse(JSON.parse(r.data));
    return product.success ? { ...item, product: product.data } : { ...item, invalid: true };
  });
  const last = page[page.length - 1];
  return rows.length > query.limit && last ? { items, nextCursor: encodeCursor(last.id) } : { items };
}
