import type { Logger } from 'pino';

export type ShutdownStep = { name: string; run: () => Promise<void> | void };

/** How long the shutdown steps may take before the process exits 1 (a pod's grace period must exceed it). */
export const SHUTDOWN_HARD_TIMEOUT_MS = 30_000;

/**
 * On SIGTERM/SIGINT run the steps in order (stop accepting → stop pulling → drain → close clients), each
 * once, then exit 0; a second signal or `hardTimeoutMs` forces exit 1 so a stuck step cannot hang a deploy.
 */
export function handleShutdown(log: Logger, steps: ShutdownStep[], hardTimeoutMs = SHUTDOWN_HARD_TIMEOUT_MS): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    running ??= (async () => {
      const timer = setTimeout(() => {
        log.error({ hardTimeoutMs }, 'shutdown took too long; exiting');
        process.exit(1);
      }, hardTimeoutMs);
      timer.unref();
      for (const step of steps) {
        try {
          await step.run();
          log.info({ step: step.name }, 'shutdown step done');
        } catch (err) {
          log.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
    })();
    return running;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (running) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      log.info({ signal }, 'shutting down');
      void shutdown().then(() => process.exit(0));
    });
  }
  return shutdown;
}
