import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { HttpProblem, bearerAuth, notFoundHandler, opsRoutes, problemHandler, type ReadinessCheck } from '@catalog/contract/http';
import { adminProductRoutes } from './routes/admin-products';
import type { MasterStore } from './store/master-store';

export type InventoryAppDeps = {
  store: MasterStore;
  adminToken: string;
  log: Logger;
  registry: Registry;
  /** Called after every accepted change: wakes the outbox relay. */
  onAccepted: () => void;
  checks: Record<string, ReadinessCheck>;
  isAccepting: () => boolean;
  maxBodyBytes: number;
  now?: () => Date;
};

/** The inventory admin HTTP app (no I/O at construction; `main.ts` wires real dependencies). */
export function createInventoryApp(deps: InventoryAppDeps): Hono {
  const app = new Hono();
  app.onError(problemHandler(deps.log));
  app.notFound(notFoundHandler);
  app.route('/', opsRoutes({ registry: deps.registry, checks: deps.checks, isAccepting: deps.isAccepting }));
  const admin = new Hono();
  admin.use('*', bearerAuth(deps.adminToken));
  admin.use(
    '*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpProblem('payload_too_large', `request body over ${deps.maxBodyBytes} bytes`);
      },
    }),
  );
  admin.route('/products', adminProductRoutes({ store: deps.store, onAccepted: deps.onAccepted, now: deps.now }));
  app.route('/v1/admin', admin);
  return app;
}
