import { Registry, Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { opsRoutes } from './ops-routes';

const ok = async () => undefined;
const down = async () => {
  throw new Error('connection refused');
};

function app(o: { accepting?: boolean; checks?: Record<string, () => Promise<void>>; degradable?: Record<string, () => Promise<void>> }) {
  const registry = new Registry();
  new Counter({ name: 'demo_total', help: 'demo', registers: [registry] }).inc();
  return opsRoutes({ registry, checks: o.checks ?? { es: ok }, degradable: o.degradable, isAccepting: () => o.accepting ?? true });
}

describe('ops routes', () => {
  it('/healthz answers while the process lives, whatever its dependencies', async () => {
    expect((await app({ checks: { es: down } }).request('/healthz')).status).toBe(200);
  });

  it('/readyz is 200 when every required dependency answers', async () => {
    const res = await app({}).request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', checks: { es: 'ok' } });
  });

  it('/readyz is 503 naming the dependency that is down', async () => {
    const res = await app({ checks: { es: down } }).request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not ready', checks: { es: 'connection refused' } });
  });

  it('/readyz stays 200 but says degraded when a degradable dependency is down', async () => {
    const res = await app({ degradable: { pubsub: down } }).request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'degraded', checks: { es: 'ok', pubsub: 'connection refused' } });
  });

  it('/readyz is 503 while shutting down', async () => {
    expect((await app({ accepting: false }).request('/readyz')).status).toBe(503);
  });

  it('/metrics serves the registry as Prometheus text', async () => {
    const res = await app({}).request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('demo_total 1');
  });
});
