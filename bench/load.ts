import autocannon from 'autocannon';

/** One load run: latencies in ms (autocannon's histogram), requests per second, failures. */
export type LoadResult = { name: string; p50: number; p99: number; mean: number; rps: number; requests: number; failed: number };

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  requests?: autocannon.Request[];
  headers?: Record<string, string>;
  /** POST with this body (default: GET). */
  body?: string;
};

/** Closed-loop load with autocannon: `connections` clients, each sending its next request when the last answered. */
export async function load(name: string, o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    ...(o.requests ? { requests: o.requests } : {}),
    ...(o.headers ? { headers: o.headers } : {}),
    ...(o.body !== undefined ? { method: 'POST' as const, body: o.body } : {}),
  });
  return {
    name,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.mean,
    rps: r.requests.average,
    requests: r.requests.total,
    failed: r.errors + r.timeouts + r.non2xx,
  };
}

/** Runs `a` and `b` alternately `rounds` times (drift of a shared machine hits both alike); the round with the median `a`/`b` mean latency ratio. */
export async function alternate(rounds: number, a: () => Promise<LoadResult>, b: () => Promise<LoadResult>): Promise<{ a: LoadResult; b: LoadResult; ratios: number[] }> {
  const pairs: { a: LoadResult; b: LoadResult; ratio: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0 ? await a() : await b();
    const second = i % 2 === 0 ? await b() : await a();
    const [ra, rb] = i % 2 === 0 ? [first, second] : [second, first];
    pairs.push({ a: ra, b: rb, ratio: ra.mean / Math.max(rb.mean, 1e-9) });
  }
  const sorted = [...pairs].sort((x, y) => x.ratio - y.ratio);
  const mid = sorted[(sorted.length - 1) >> 1];
  if (!mid) throw new Error('alternate: rounds must be ≥ 1');
  return { a: mid.a, b: mid.b, ratios: pairs.map((p) => p.ratio) };
}

/** Each URL once, `concurrency` at a time: the latency of every request (ms) and how many did not answer 2xx. */
export async function timeEach(urls: readonly string[], concurrency: number): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < urls.length; i = next++) {
      const started = performance.now();
      const res = await fetch(urls[i] ?? '').catch(() => undefined);
      await res?.arrayBuffer();
      ms[i] = performance.now() - started;
      if (!res?.ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ms, failed };
}
