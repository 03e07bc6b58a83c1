import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Requests to Elasticsearch that searched the watched indices: HTTP round trips and the searches inside them. */
export type SearchCount = { requests: number; searches: number };

/**
 * Searches of the `indices` (e.g. an alias and its families alias: grouped searches read the families) in one
 * Elasticsearch HTTP request: 1 for `/<index>/_search`, one per `_msearch` header naming one of them (or none, under
 * `/<index>/_msearch`); 0 for anything else (health, analytics).
 */
export function countSearches(method: string, path: string, body: string, indices: readonly string[]): number {
  const url = new URL(path, 'http://es');
  const parts = url.pathname.split('/').filter(Boolean);
  if (method !== 'POST' && method !== 'GET') return 0;
  if (parts.length === 2 && indices.includes(parts[0] ?? '') && parts[1] === '_search') return 1;
  const endpoint = parts.at(-1);
  if (endpoint !== '_msearch') return 0;
  const defaultIndex = parts.length === 2 ? parts[0] : undefined;
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  let n = 0;
  for (let i = 0; i < lines.length; i += 2) {
    const header: unknown = JSON.parse(lines[i] ?? '{}');
    const named = typeof header === 'object' && header !== null && 'index' in header ? header.index : undefined;
    const searched = named ?? defaultIndex;
    if (typeof searched === 'string' && indices.includes(searched)) n++;
  }
  return n;
}

/** One request to Elasticsearch that searched the index, as it was sent. */
export type RecordedSearch = { method: string; path: string; body: string };

/**
 * A pass-through proxy in front of Elasticsearch that counts the searches of the `indices`, for both systems alike;
 * `onSearch` sees each such request as it was sent (to replay it raw).
 */
export async function startCountingProxy(
  target: string,
  indices: readonly string[],
  onSearch?: (r: RecordedSearch) => void,
): Promise<{ url: string; count: SearchCount; close: () => Promise<void> }> {
  const count: SearchCount = { requests: 0, searches: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const searches = countSearches(req.method ?? 'GET', req.url ?? '/', body.toString('utf8'), indices);
      if (searches > 0) {
        count.requests++;
        count.searches += searches;
        onSearch?.({ method: req.method ?? 'POST', path: req.url ?? '/', body: body.toString('utf8') });
      }
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, count, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
