import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** A dependency check for `/readyz`: resolves when reachable, rejects (with the reason) when not. */
export type ReadinessCheck = () => Promise<void>;

export type OpsOptions = {
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  /** False while shutting down: `/readyz` answers 503 so load balancers stop sending traffic. */
  isAccepting: () => boolean;
};

/** `/healthz` (alive), `/readyz` (dependencies reachable) and `/metrics` (Prometheus text). */
export function opsRoutes(options: OpsOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, err instanceof Error ? err.message : String(err)] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = options.isAccepting() && results.every(([, r]) => r === 'ok');
    return c.json({ status: ready ? 'ready' : 'not ready', accepting: options.isAccepting(), checks }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) =>
    c.body(await options.registry.metrics(), 200, { 'Content-Type': options.registry.contentType }),
  );
  return app;
}
