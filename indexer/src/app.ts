import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  bearerAuth,
  documentApi,
  notFoundHandler,
  openApiApp,
  opsRoutes,
  problemHandler,
  type BearerAuthOptions,
  type ReadinessCheck,
} from '@catalog/contract/http';

export type IndexerAppDeps = {
  log: Logger;
  registry: Registry;
  adminToken: string;
  /** Failure budget and client identity of the admin authentication (`adminAuthSettings(config)`). */
  adminAuth?: BearerAuthOptions;
  checks: Record<string, ReadinessCheck>;
  isAccepting: () => boolean;
  /** Admin routes mounted under /v1/admin behind the bearer token (documented in /openapi.json). */
  admin?: OpenAPIHono;
};

/** The indexer's ops/admin HTTP app. */
export function createIndexerApp(deps: IndexerAppDeps): OpenAPIHono {
  const app = openApiApp();
  app.onError(problemHandler(deps.log));
  app.notFound(notFoundHandler);
  app.route('/', opsRoutes({ registry: deps.registry, checks: deps.checks, isAccepting: deps.isAccepting }));
  const admin = openApiApp();
  admin.use('*', bearerAuth(deps.adminToken, { ...deps.adminAuth, registry: deps.registry }));
  if (deps.admin) admin.route('/', deps.admin);
  app.route('/v1/admin', admin);

  documentApi(app, {
    title: 'Catalog indexer admin API',
    description: 'Dead letters: messages the indexer can never index, with the reason; inspect, replay once the cause is fixed, or remove.',
    bearer: true,
  });
  return app;
}
