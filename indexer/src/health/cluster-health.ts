import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';

/**
 * Polls the health of the indices behind our alias and reports transitions. Red, missing or unreachable
 * = unhealthy: the consumer holds messages (backpressure) until it is yellow/green again, instead of
 * burning delivery attempts. Scoped to the alias so that a broken unrelated index cannot stall indexing.
 */
export class ClusterHealth {
  private healthy = true;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly listeners: ((healthy: boolean) => void)[] = [];

  constructor(
    private readonly es: Client,
    private readonly log: Logger,
    private readonly pollMs: number,
    private readonly index: string,
  ) {}

  isHealthy(): boolean {
    return this.healthy;
  }

  onChange(listener: (healthy: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Check once now (also used by `/readyz`); resolves to the new state. */
  async check(): Promise<boolean> {
    let next: boolean;
    try {
      const health = await this.es.cluster.health({ index: this.index, timeout: '2s' }, { requestTimeout: 3000, maxRetries: 0 });
      next = health.status !== 'red';
    } catch (err) {
      if (this.healthy) this.log.warn({ err: err instanceof Error ? err.message : err, index: this.index }, 'elasticsearch unreachable');
      next = false;
    }
    if (next !== this.healthy) {
      this.healthy = next;
      this.log.warn({ healthy: next, index: this.index }, next ? 'elasticsearch healthy' : 'elasticsearch unhealthy');
      this.listeners.forEach((l) => l(next));
    }
    return next;
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
