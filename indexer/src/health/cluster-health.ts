import type { Client } from '@elastic/elasticsearch';
import { classifyEsError } from '@catalog/contract/elasticsearch';
import type { Logger } from 'pino';

/** What the indexer believes about the cluster behind its alias. */
export type ClusterState = 'ok' | 'red' | 'unreachable';

/** One piece of evidence: a health answer, a failed health call, or how a bulk request went. */
export type HealthObservation =
  | { source: 'health'; status: 'green' | 'yellow' | 'red' }
  | { source: 'health-failed'; cause: 'connection' | 'timeout' | 'other' }
  | { source: 'bulk'; result: 'answered' | 'connection' | 'timeout' | 'overload' };

/**
 * The next state given one observation. Pure. Only definite evidence moves the state: a health answer,
 * a refused connection, or a bulk that was answered. A *timeout* proves nothing: a process whose event
 * loop lags (a busy indexer) times out its own requests to a green cluster, so timeouts and 429s (load,
 * handled by backing off) leave the state as it was.
 */
export function nextClusterState(current: ClusterState, o: HealthObservation): ClusterState {
  switch (o.source) {
    case 'health':
      return o.status === 'red' ? 'red' : 'ok';
    case 'health-failed':
      return o.cause === 'connection' ? 'unreachable' : current;
    case 'bulk':
      if (o.result === 'connection') return 'unreachable';
      // An answered bulk proves the cluster is reachable, not that the alias is no longer red.
      if (o.result === 'answered' && current === 'unreachable') return 'ok';
      return current;
  }
}

/** Connection refused/reset (definite) versus timeout (inconclusive) versus an answer or anything else. */
export function failureCause(err: unknown): 'connection' | 'timeout' | 'other' {
  const failure = classifyEsError(err);
  if (failure.status !== undefined || failure.kind !== 'unavailable') return 'other';
  const timedOut = failure.types.some((t) => t === 'TimeoutError' || t === 'RequestAbortedError') || /timeout|timed out/i.test(failure.reason ?? '');
  return timedOut ? 'timeout' : 'connection';
}

/**
 * The cluster state behind our alias, from a slow health poll and from every bulk request's fate (the
 * bulk writer reports them). Nothing pauses on it: the state decides whether a failed item's retry is
 * counted against its budget, what `/readyz` says and what the logs and the backpressure gauge show.
 */
export class ClusterHealth {
  private state: ClusterState = 'ok';
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly listeners: ((state: ClusterState) => void)[] = [];

  constructor(
    private readonly es: Client,
    private readonly log: Logger,
    private readonly pollMs: number,
    private readonly index: string,
  ) {}

  get current(): ClusterState {
    return this.state;
  }

  isHealthy(): boolean {
    return this.state === 'ok';
  }

  onChange(listener: (state: ClusterState) => void): void {
    this.listeners.push(listener);
  }

  /** Feed one observation (the bulk writer calls this after every request). */
  observe(o: HealthObservation): void {
    const next = nextClusterState(this.state, o);
    if (next === this.state) return;
    this.log.warn({ from: this.state, to: next, index: this.index, evidence: o }, next === 'ok' ? 'elasticsearch healthy' : 'elasticsearch unhealthy');
    this.state = next;
    this.listeners.forEach((l) => l(next));
  }

  /** Ask the cluster once (also `/readyz`); resolves to whether it answered yellow or green. */
  async check(): Promise<boolean> {
    try {
      // 408 = the index did not become available within 2 s; its body still carries the (red) status.
      const health = await this.es.cluster.health({ index: this.index, timeout: '2s' }, { requestTimeout: 5000, maxRetries: 0, ignore: [408] });
      this.observe({ source: 'health', status: health.status === 'red' ? 'red' : health.status === 'yellow' ? 'yellow' : 'green' });
      return health.status !== 'red';
    } catch (err) {
      this.log.debug({ err: err instanceof Error ? err.message : err, index: this.index }, 'health check failed');
      this.observe({ source: 'health-failed', cause: failureCause(err) });
      return false;
    }
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      await this.check();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.pollMs);
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
