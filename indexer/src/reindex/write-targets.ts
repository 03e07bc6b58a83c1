import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';

/**
 * Name of the alias that lists the extra indices every running indexer also writes to. The reindex
 * command points it at the new index during a switch; an alias (rather than a config document) keeps the
 * whole mechanism inside Elasticsearch's atomic `updateAliases`, so the swap and the end of dual-writing
 * happen in one step.
 */
export const extraWriteAlias = (alias: string): string => `${alias}-write-extra`;

/** Indices the extra-write alias points at now ([] when none). */
export async function readExtraTargets(es: Client, alias: string): Promise<string[]> {
  const response = await es.indices.getAlias({ name: extraWriteAlias(alias) }, { ignore: [404] });
  // A 404 body is `{ error, status }`; only index names map to `{ aliases }`.
  return Object.entries(response)
    .filter(([, value]) => typeof value === 'object' && value !== null && 'aliases' in value)
    .map(([index]) => index)
    .sort();
}

/**
 * Polls the extra-write alias; `current()` is what the indexer's `alsoWriteTo` returns. A failed poll
 * keeps the last known targets (an unreachable cluster also fails the bulk, which is retried anyway).
 */
export class WriteTargets {
  private targets: readonly string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly es: Client,
    private readonly alias: string,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  current(): readonly string[] {
    return this.targets;
  }

  async refresh(): Promise<readonly string[]> {
    try {
      const next = await readExtraTargets(this.es, this.alias);
      if (next.join(',') !== this.targets.join(',')) {
        this.log.info({ extraTargets: next }, next.length ? 'also writing to extra indices (reindex in progress)' : 'extra writes stopped');
      }
      this.targets = next;
    } catch (err) {
      this.log.debug({ err: err instanceof Error ? err.message : err }, 'could not read extra write targets');
    }
    return this.targets;
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      await this.refresh();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.pollMs);
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
