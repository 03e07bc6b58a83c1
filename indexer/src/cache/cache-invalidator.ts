import type { MemcachedPool } from '@catalog/contract/memcached-pool';
import type { Logger } from 'pino';
import { INVALIDATION_DELAY_MS, productDetailKey, searchGenerationKey } from '@catalog/contract';
import { withTimeout } from '@catalog/contract/process';

/**
 * Tells the search API's cache what changed after a batch is durable. Product detail keys are deleted
 * at once (detail reads are realtime gets) and again at the bump, closing the race with a reader that
 * fetched the old document just before. The search generation is bumped one refresh interval later so
 * that responses cached after the bump already see the change. Bumps coalesce: under a steady stream of
 * batches there is at most one per INVALIDATION_DELAY_MS. Failures are logged, never thrown: the cache
 * bounds staleness by its own TTL when memcached cannot be told.
 */
export class CacheInvalidator {
  private timer: NodeJS.Timeout | undefined;
  private pendingIds = new Set<string>();
  private dirtyAgain = false;
  private readonly timeoutError = () => new Error(`memcached timeout ${this.timeoutMs} ms`);

  constructor(
    private readonly mc: MemcachedPool,
    private readonly alias: string,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Called after a batch was accepted by Elasticsearch. */
  async changed(ids: readonly string[]): Promise<void> {
    await this.deleteDetails(ids);
    ids.forEach((id) => this.pendingIds.add(id));
    if (this.timer) this.dirtyAgain = true;
    else this.schedule();
  }

  /** Run a pending bump now (shutdown). */
  async flush(): Promise<void> {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.bump();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.bump().then(() => {
        if (this.dirtyAgain) {
          this.dirtyAgain = false;
          this.schedule();
        }
      });
    }, INVALIDATION_DELAY_MS);
  }

  private async bump(): Promise<void> {
    const ids = [...this.pendingIds];
    this.pendingIds.clear();
    const key = searchGenerationKey(this.alias);
    try {
      const { value } = await withTimeout(this.mc.clientFor(key).increment(key, 1, { initial: 1 }), this.timeoutMs, this.timeoutError);
      this.log.debug({ generation: value, products: ids.length }, 'search cache generation bumped');
    } catch (err) {
      this.log.warn({ err }, 'could not bump search cache generation');
    }
    await this.deleteDetails(ids);
  }

  private async deleteDetails(ids: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(
      ids.map((id) => {
        const key = productDetailKey(this.alias, id);
        return withTimeout(this.mc.clientFor(key).delete(key), this.timeoutMs, this.timeoutError);
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) this.log.warn({ failed, total: ids.length }, 'could not delete some product detail cache keys');
  }
}
