import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { bearerAuth, notFoundHandler, opsRoutes, problemHandler, type BearerAuthOptions, type ReadinessCheck } from '@catalog/contract/http';

export type IndexerAppDeps = {
  log: Logger;
  registry: Registry;
  adminToken: string;
  /** Failure budget and client identity of the admin authentication (`adminAuthSettings(config)`). */
  adminAuth?: BearerAuthOptions;
  checks: Record<string, ReadinessCheck>;
  isAccepting: () => boolean;
  /** Admin routes mounted under /v1/admin behind the bearer token. */
  admin?: Hono;
};

/** The indexer's ops/admin HTTP app. */
export function createIndexerApp(deps: IndexerAppDeps): Hono {
  const app = new Hono();
  app.onError(problemHandler(deps.log));
  app.notFound(notFoundHandler);
  app.route('/', opsRoutes({ registry: deps.registry, checks: deps.checks, isAccepting: deps.isAccepting }));
  const admin = new Hono();
  admin.use('*', bearerAuth(deps.adminToken, { ...deps.adminAuth, registry: deps.registry }));
  if (deps.admin) admin.route('/', deps.admin);
  app.route('/v1/admin', admin);
  return app;
}
