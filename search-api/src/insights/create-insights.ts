import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { createInsightsStore } from '../es/insights-store';
import { InsightsRecorder } from './insights-recorder';
import type { InsightsDeps } from './insights-routes';

export type InsightsSettings = {
  flushEveryMs: number;
  maxBuffer: number;
  /** Daily insights indices older than this are dropped (hourly check). */
  retentionDays: number;
  /** Default window of the metrics routes. */
  windowHours: number;
};

/** Insights wired for `main.ts`: the store on `<alias>-insights-<day>`, the recorder, retention; `close()` flushes. */
export function createInsights(o: InsightsSettings & { client: Client; alias: string; log: Logger; onDrop?: (count: number) => void }) {
  const store = createInsightsStore({ client: o.client, alias: o.alias });
  const recorder = new InsightsRecorder({
    store,
    flushEveryMs: o.flushEveryMs,
    maxBuffer: o.maxBuffer,
    maxRemembered: 100_000,
    // About three flush intervals: long enough for another instance to flush the search an event names.
    resolveAttempts: 3,
    onError: (err) => o.log.warn({ err }, 'insights flush failed; kept for the next one'),
    onDrop: o.onDrop,
  });
  const retention = setInterval(
    () => void store.dropOlderThan(o.retentionDays).catch((err: unknown) => o.log.warn({ err }, 'dropping old insights indices failed; retried next hour')),
    3_600_000,
  );
  retention.unref();
  const deps: InsightsDeps = { recorder, store, windowHours: o.windowHours };
  return {
    deps,
    recorder,
    store,
    close: async () => {
      clearInterval(retention);
      await recorder.close();
    },
  };
}
