import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** A dependency check for `/readyz`: resolves when reachable, rejects (with the reason) when not. */
export type ReadinessCheck = () => Promise<void>;

export type OpsOptions = {
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  /**
   * Dependencies whose outage the process survives (it degrades, e.g. queues in its outbox): reported by
   * `/readyz`, but never a 503 — taking the process out of rotation would turn a degradation into an outage.
   */
  degradable?: Record<string, ReadinessCheck>;
  /** False while shutting down: `/readyz` answers 503 so load balancers stop sending traffic. */
  isAccepting: () => boolean;
};

/** `/healthz` (alive), `/readyz` (dependencies reachable) and `/metrics` (Prometheus text). */
export function opsRoutes(options: OpsOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const [required, optional] = await Promise.all([run(options.checks), run(options.degradable ?? {})]);
    const ready = options.isAccepting() && Object.values(required).every((r) => r === 'ok');
    const degraded = Object.values(optional).some((r) => r !== 'ok');
    const status = ready ? (degraded ? 'degraded' : 'ready') : 'not ready';
    return c.json({ status, accepting: options.isAccepting(), checks: { ...required, ...optional } }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) =>
    c.body(await options.registry.metrics(), 200, { 'Content-Type': options.registry.contentType }),
  );
  return app;
}

/** Run checks concurrently: name → "ok" or the failure's message. */
async function run(checks: Record<string, ReadinessCheck>): Promise<Record<string, string>> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message : String(err)] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}
