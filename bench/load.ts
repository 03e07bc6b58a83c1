import autocannon from 'autocannon';
import { pidCpuMs } from './process-cpu';

/** One load run: latencies in ms (autocannon's histogram), requests per second, failures. */
export type LoadResult = {
  name: string;
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  requests: number;
  failed: number;
  /** CPU time (user + system, `/proc`) of the answering process per answered request, when it was counted (`withServerCpu`). */
  serverCpuUs?: number | undefined;
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  requests?: autocannon.Request[];
  headers?: Record<string, string>;
  /** POST with this body (default: GET). */
  body?: string;
};

/**
 * Mean latency of a closed loop by Little's law: each connection always has one request in flight, so over the run the
 * mean time a request takes is connections × duration / requests answered. autocannon's own histogram keeps whole
 * milliseconds (its lowest discernible value is 1 ms: a 0.4 ms answer counts as 0), which makes sub-millisecond answers —
 * `/healthz`, a cache hit — look up to several times faster than they are. Undefined when nothing was answered. Pure.
 */
export function closedLoopMeanMs(connections: number, seconds: number, answered: number): number | undefined {
  return answered > 0 && seconds > 0 ? (connections * seconds * 1000) / answered : undefined;
}

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
    mean: closedLoopMeanMs(o.connections, r.duration, r.requests.total) ?? r.latency.mean,
    rps: r.requests.average,
    requests: r.requests.total,
    failed: r.errors + r.timeouts + r.non2xx,
  };
}

/**
 * `run` while counting the CPU time of the process `pid` (the server under load): per answered request, unaffected by
 * how the shared cores were divided between the server and the load generator meanwhile.
 */
export async function withServerCpu(pid: number | undefined, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = pid === undefined ? undefined : pidCpuMs(pid);
  const result = await run();
  const after = pid === undefined ? undefined : pidCpuMs(pid);
  const serverCpuUs = before === undefined || after === undefined || result.requests === 0 ? undefined : ((after - before) * 1000) / result.requests;
  return { ...result, serverCpuUs };
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
