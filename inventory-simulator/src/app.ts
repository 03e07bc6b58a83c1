import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Rule, RuleInput, SynonymSet, SynonymSetInput } from '@catalog/contract';
import {
  HttpProblem,
  bearerAuth,
  documentApi,
  notFoundHandler,
  openApiApp,
  opsRoutes,
  problemHandler,
  type BearerAuthOptions,
  type ReadinessCheck,
} from '@catalog/contract/http';
import { DEFAULT_SEARCH_API_URL } from './config';
import { adminPageRoutes } from './pages/admin-page';
import { adminImportRoutes } from './routes/admin-imports';
import { adminProductRoutes } from './routes/admin-products';
import { adminEventsRoutes, adminSimulationRoutes } from './routes/admin-simulation';
import { adminMerchRoutes } from './routes/admin-merch';
import type { RuleStore } from './merch/rule-store';
import type { SynonymStore } from './merch/synonym-store';
import type { Simulator } from './simulate/simulator';
import type { MasterStore } from './store/master-store';

export type InventoryAppDeps = {
  store: MasterStore;
  adminToken: string;
  /** Failure budget and client identity of the admin authentication (`adminAuthSettings(config)`). */
  adminAuth?: BearerAuthOptions;
  log: Logger;
  registry: Registry;
  /** Called after every accepted change: wakes the outbox relay. */
  onAccepted: () => void;
  checks: Record<string, ReadinessCheck>;
  /** Reported by /readyz without making it fail (Pub/Sub: the outbox keeps accepting). */
  degradable?: Record<string, ReadinessCheck>;
  isAccepting: () => boolean;
  maxBodyBytes: number;
  /** Bulk import limits: whole upload and one line. */
  maxImportBytes?: number;
  maxImportLineBytes?: number;
  /** The change simulator the admin API controls. */
  simulator: Simulator;
  /** Runtime synonym sets (`/v1/admin/synonyms`, stored in Elasticsearch); undefined = those routes do not exist. */
  synonyms?: SynonymStore;
  /** Query rules (`/v1/admin/rules`, stored in Elasticsearch); undefined = those routes do not exist. */
  rules?: RuleStore;
  /** The search API whose insights metrics the admin page shows (default `http://127.0.0.1:3000`). */
  searchApiUrl?: string;
  /** Outbox relay counters shown with the recent events. */
  relayStats?: () => { published: number; failures: number };
  now?: () => Date;
};

/** The inventory admin HTTP app (no I/O at construction; `main.ts` wires real dependencies). */
export function createInventoryApp(deps: InventoryAppDeps): OpenAPIHono {
  const app = openApiApp();
  app.onError(problemHandler(deps.log));
  app.notFound(notFoundHandler);
  app.route('/', opsRoutes({ registry: deps.registry, checks: deps.checks, degradable: deps.degradable, isAccepting: deps.isAccepting }));
  // The page itself is public: it holds no data, and every call it makes carries the token the user types.
  app.route('/admin', adminPageRoutes({ searchApiUrl: deps.searchApiUrl ?? DEFAULT_SEARCH_API_URL }));
  app.get('/', (c) => c.redirect('/admin'));

  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new HttpProblem('payload_too_large', `request body over ${deps.maxBodyBytes} bytes`);
    },
  });
  const admin = openApiApp();
  admin.use('*', bearerAuth(deps.adminToken, { ...deps.adminAuth, registry: deps.registry }));
  // JSON routes get the small limit; the import streams and enforces its own (larger) limits per upload and line.
  admin.use('/products/*', limit);
  admin.use('/products', limit);
  admin.use('/simulation/*', limit);
  admin.route('/products', adminProductRoutes({ store: deps.store, onAccepted: deps.onAccepted, now: deps.now }));
  admin.route(
    '/imports',
    adminImportRoutes({
      store: deps.store,
      onAccepted: deps.onAccepted,
      maxImportBytes: deps.maxImportBytes ?? 33_554_432,
      maxLineBytes: deps.maxImportLineBytes ?? 65_536,
      now: deps.now,
    }),
  );
  admin.route('/simulation', adminSimulationRoutes({ simulator: deps.simulator }));
  admin.route('/events', adminEventsRoutes({ store: deps.store, relayStats: deps.relayStats ?? (() => ({ published: 0, failures: 0 })) }));
  if (deps.synonyms) {
    admin.use('/synonyms/*', limit);
    admin.route(
      '/synonyms',
      adminMerchRoutes({
        store: deps.synonyms,
        what: 'synonym set',
        input: SynonymSetInput,
        item: SynonymSet,
        names: { list: 'SynonymSetList', audit: 'SynonymAudit' },
        putSummary: 'Create or replace a synonym set: equivalent terms, or one-way from → to. Searches use it within SYNONYMS_REFRESH_MS, no reindex',
      }),
    );
  }
  if (deps.rules) {
    admin.use('/rules/*', limit);
    admin.route(
      '/rules',
      adminMerchRoutes({
        store: deps.rules,
        what: 'query rule',
        input: RuleInput,
        item: Rule,
        names: { list: 'RuleList', audit: 'RuleAudit' },
        putSummary: 'Create or replace a query rule (condition → pins, hides, boosts, filter, rewrite, redirect, userData). Searches use it within RULES_REFRESH_MS',
      }),
    );
  }
  app.route('/v1/admin', admin);

  documentApi(app, {
    title: 'Catalog inventory admin API',
    description:
      'The inventory master: products (conditional on the ETag = version), bulk imports, the change simulator. ' +
      'Every accepted change (202) reaches the search index through the outbox and Pub/Sub.',
    bearer: true,
  });
  return app;
}
