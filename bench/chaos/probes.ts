/**
 * What a chaos run does from the outside while faults happen: a steady search load on the search API, a
 * canary product changed every second through the inventory admin API and watched through the search API
 * (freshness, cache invalidation included), and bursts of admin PUT/PATCH/DELETE.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Product } from '@catalog/contract';
import type { Answer, ProbeChange } from './figures';

const QUERIES = ['laptop', 'phone', 'headphones', 'tv', 'camera', 'sony', 'samsung', 'wireless', 'blender', 'lamp', 'sofa', 'keyboard'];

/** Runs `tick` every `everyMs` until `stop()`; `done` resolves after the last tick. */
function every(everyMs: number, tick: (n: number) => Promise<void>): { stop: () => Promise<void> } {
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const started = Date.now();
      await tick(n).catch(() => undefined);
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/**
 * A search, autocomplete or product request every `everyMs` (up to 16 waiting at once, so a slow answer
 * does not thin the samples), each answer recorded (0 = none within 5 s).
 */
export function searchLoad(searchUrl: string, everyMs: number, ids: () => string | undefined) {
  const answers: Answer[] = [];
  let waiting = 0;
  const loop = every(everyMs, async (n) => {
    if (waiting >= 16) return;
    waiting += 1;
    void ask(n).finally(() => (waiting -= 1));
  });
  const ask = async (n: number) => {
    const q = QUERIES[n % QUERIES.length] ?? 'tv';
    const id = ids();
    const path =
      n % 4 === 3 && id ? `/v1/products/${encodeURIComponent(id)}` : n % 4 === 2 ? `/v1/products/autocomplete?q=${q.slice(0, 3)}` : `/v1/products/search?q=${q}&page=${1 + (n % 3)}`;
    const at = Date.now();
    try {
      const res = await fetch(`${searchUrl}${path}`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      // A product the stream just deleted is a correct 404: count it as answered.
      answers.push({ at, status: res.status === 404 && path.startsWith('/v1/products/') && !path.includes('?') ? 200 : res.status });
    } catch {
      answers.push({ at, status: 0 });
    }
  };
  return { answers, stop: loop.stop };
}

const ProductBody = z.object({ price: z.number() });

/**
 * The canary: price set to 1000 + k every second through the admin API; the search API's product detail is
 * read every 200 ms. A change counts as seen when that price or a later one shows (a later change supersedes).
 */
export function canary(inventoryUrl: string, searchUrl: string, token: string, product: Product) {
  const changes: (ProbeChange & { k: number })[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const writer = every(1000, async (k) => {
    const res = await fetch(`${inventoryUrl}/v1/admin/products/${product.id}`, {
      method: k === 0 ? 'PUT' : 'PATCH',
      headers,
      body: JSON.stringify(k === 0 ? { ...product, price: 1000 } : { price: 1000 + k }),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    if (res.status === 202) changes.push({ k, writtenAt: Date.now(), seenAt: undefined });
  });
  const reader = every(200, async () => {
    const res = await fetch(`${searchUrl}/v1/products/${product.id}`, { signal: AbortSignal.timeout(3000) });
    if (res.status !== 200) return void (await res.arrayBuffer());
    const parsed = ProductBody.safeParse(await res.json());
    if (!parsed.success) return;
    const k = parsed.data.price - 1000;
    const now = Date.now();
    for (const c of changes) if (c.k <= k && c.seenAt === undefined) c.seenAt = now;
  });
  return {
    changes,
    stop: async () => {
      await writer.stop();
      // Let the last change show before the reader stops.
      await sleep(5000);
      await reader.stop();
    },
  };
}

/**
 * Every `everyMs`: PATCH the price of `size` live products, DELETE one and PUT one new product through the
 * admin API. Counts accepted (202) requests; refusals while the inventory is down change nothing.
 */
export function adminBursts(inventoryUrl: string, token: string, everyMs: number, size: number, pickLive: () => string | undefined, newProduct: (n: number) => Product) {
  const counts = { accepted: 0, refused: 0 };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const send = async (method: string, id: string, body?: unknown) => {
    try {
      const res = await fetch(`${inventoryUrl}/v1/admin/products/${encodeURIComponent(id)}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (res.status === 202) counts.accepted += 1;
      else counts.refused += 1;
    } catch {
      counts.refused += 1;
    }
  };
  const loop = every(everyMs, async (n) => {
    const ids = Array.from({ length: size }, pickLive).filter((id): id is string => id !== undefined);
    await Promise.all(ids.map((id, i) => send('PATCH', id, { price: 1 + ((n * size + i) % 997) })));
    const victim = pickLive();
    if (victim) await send('DELETE', victim);
    const fresh = newProduct(n);
    await send('PUT', fresh.id, fresh);
  });
  return { counts, stop: loop.stop };
}

/** Resident memory of a process in MB (undefined when it is gone). */
export function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}
