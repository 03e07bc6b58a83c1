import { randomBytes } from 'node:crypto';

/**
 * The index alias a benchmark run seeds and searches (`npm run bench`, `npm run relevance`).
 *
 * Without `--alias` each run gets its own, `<prefix>-<count>-<6 hex digits>`: two runs at once never delete, reseed
 * or measure each other's catalog (a shared `<prefix>-<count>` did), and the run drops it at the end unless `--keep`.
 * `--reuse` searches a catalog a `--keep` run left behind, so it needs that run's alias named with `--alias` (a fresh
 * default has nothing to reuse); runs that name the same alias share its catalog and must not overlap.
 */
export function runAlias(o: { prefix: string; count: number; alias?: string | undefined; reuse: boolean }, suffix = randomBytes(3).toString('hex')): string {
  if (o.alias !== undefined) return o.alias;
  if (o.reuse) throw new Error(`--reuse needs --alias <the alias a --keep run printed>: without --alias every run seeds its own ${o.prefix}-${o.count}-<random> catalog`);
  return `${o.prefix}-${o.count}-${suffix}`;
}

/** The line a run prints about its catalog, so that a kept one can be reused (or deleted) later. */
export function aliasNotice(alias: string, o: { keep: boolean }): string {
  return o.keep ? `catalog alias ${alias} (kept: reuse it with --reuse --alias ${alias})` : `catalog alias ${alias} (dropped at the end; --keep keeps it)`;
}
