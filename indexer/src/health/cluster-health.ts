import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';

/**
 * Polls cluster health and reports transitions. Red or unreachable = unhealthy: the consumer stops
 * pulling (backpressure) until it is yellow/green again, instead of burning delivery attempts.
 */
export class ClusterHealth {
  private healthy = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((healthy: boolean) => void)[] = [];

  constructor(
    private readonly es: Client,
    private readonly log: Logger,
    private readonly pollMs: number,
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
      const health = await this.es.cluster.health({ timeout: '2s' }, { requestTimeout: 3000, maxRetries: 0 });
      next = health.status !== 'red';
    } catch (err) {
      if (this.healthy) this.log.warn({ err }, 'elasticsearch unreachable');
      next = false;
    }
    if (next !== this.healthy) {
      this.healthy = next;
      this.log.warn({ healthy: next }, next ? 'elasticsearch healthy: resuming' : 'elasticsearch unhealthy: pausing');
      this.listeners.forEach((l) => l(next));
    }
    return next;
  }

  start(): void {
    const loop = async () => {
      await this.check();
      this.timer = setTimeout(() => void loop(), this.pollMs);
    };
    void loop();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
