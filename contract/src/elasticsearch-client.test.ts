import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config';
import { createElasticsearchClient, elasticsearchClientOptions, type ElasticsearchConnection } from './elasticsearch-client';
import { createLogger } from './process/logger';

// A CA and a localhost/127.0.0.1 certificate it signed, made for these tests only (valid until 2126).
const fixture = (name: string) => new URL(`./test-fixtures/es-tls/${name}`, import.meta.url);
const CA_PATH = fixture('ca.crt').pathname;

const settings = { requestTimeoutMs: 2000 };
const base: ElasticsearchConnection = { ELASTICSEARCH_URL: 'http://127.0.0.1:9200' };

function configProblem(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** A stand-in Elasticsearch endpoint that records the Authorization header of each request. */
type Endpoint = { url: string; authorizations: (string | undefined)[]; close: () => Promise<void> };
const open: Endpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

async function endpoint(kind: 'http' | 'https', status = 200): Promise<Endpoint> {
  const authorizations: (string | undefined)[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    authorizations.push(req.headers.authorization);
    // The v8 client checks that it talks to Elasticsearch.
    res.writeHead(status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    res.end(JSON.stringify(status === 200 ? { version: { number: '8.19.21' } } : { error: { type: 'boom', reason: 'failed' }, status }));
  };
  const server =
    kind === 'https'
      ? createHttpsServer({ cert: readFileSync(fixture('server.crt')), key: readFileSync(fixture('server.key')) }, handler)
      : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const e = {
    url: `${kind}://127.0.0.1:${port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  open.push(e);
  return e;
}

describe('elasticsearchClientOptions', () => {
  it('gives no credentials and no retries by default', () => {
    const options = elasticsearchClientOptions(base, settings);
    expect(options).toMatchObject({ node: base.ELASTICSEARCH_URL, requestTimeout: 2000, maxRetries: 0 });
    expect(options.auth).toBeUndefined();
    expect(options.tls).toBeUndefined();
  });

  it.each([
    [{ ELASTICSEARCH_USERNAME: 'elastic' }, 'ELASTICSEARCH_PASSWORD'],
    [{ ELASTICSEARCH_PASSWORD: 'pw-secret' }, 'ELASTICSEARCH_USERNAME'],
    [{ ELASTICSEARCH_API_KEY: 'key-secret', ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 'pw-secret' }, 'ELASTICSEARCH_API_KEY'],
    [{ ELASTICSEARCH_URL: 'https://elastic:pw-secret@es.example.com' }, 'ELASTICSEARCH_URL'],
    [{ ELASTICSEARCH_CA_CERT: CA_PATH }, 'ELASTICSEARCH_CA_CERT'],
    [{ ELASTICSEARCH_URL: 'https://es.example.com', ELASTICSEARCH_CA_CERT: '/nonexistent/ca.crt' }, 'ELASTICSEARCH_CA_CERT'],
    [{ ELASTICSEARCH_URL: 'https://es.example.com', ELASTICSEARCH_CA_CERT: fixture('server.key').pathname }, 'ELASTICSEARCH_CA_CERT'],
  ])('refuses %o naming %s, without any secret in the message', (vars, name) => {
    const err = configProblem(() => elasticsearchClientOptions({ ...base, ...vars }, settings));
    expect(err.variables).toContain(name);
    expect(err.message).not.toMatch(/secret|PRIVATE KEY/);
  });

  it('reads the CA certificate once, when the client is made', () => {
    const reads: string[] = [];
    const options = elasticsearchClientOptions({ ELASTICSEARCH_URL: 'https://es:9200', ELASTICSEARCH_CA_CERT: '/etc/es/ca.crt' }, settings, (path) => {
      reads.push(path);
      return '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n';
    });
    expect(reads).toEqual(['/etc/es/ca.crt']);
    expect(options.tls?.ca).toContain('BEGIN CERTIFICATE');
  });
});

describe('createElasticsearchClient', () => {
  it('sends an API key as "ApiKey <key>"', async () => {
    const es = await endpoint('http');
    const client = createElasticsearchClient({ ELASTICSEARCH_URL: es.url, ELASTICSEARCH_API_KEY: 'a2V5LWlkOmtleS1zZWNyZXQ=' }, settings);
    await client.info();
    expect(es.authorizations).toEqual(['ApiKey a2V5LWlkOmtleS1zZWNyZXQ=']);
    await client.close();
  });

  it('sends a username and password as basic auth', async () => {
    const es = await endpoint('http');
    const client = createElasticsearchClient({ ELASTICSEARCH_URL: es.url, ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 'pw-secret' }, settings);
    await client.info();
    expect(es.authorizations).toEqual([`Basic ${Buffer.from('elastic:pw-secret').toString('base64')}`]);
    await client.close();
  });

  it('trusts a private https endpoint only with its CA certificate', async () => {
    const es = await endpoint('https');
    const withCa = createElasticsearchClient({ ELASTICSEARCH_URL: es.url, ELASTICSEARCH_CA_CERT: CA_PATH }, settings);
    await expect(withCa.info()).resolves.toMatchObject({ version: { number: '8.19.21' } });
    const withoutCa = createElasticsearchClient({ ELASTICSEARCH_URL: es.url }, settings);
    await expect(withoutCa.info()).rejects.toThrow(/certificate/i);
    await Promise.all([withCa.close(), withoutCa.close()]);
  });

  it('never logs the API key or the password, even in a logged Elasticsearch error', async () => {
    const es = await endpoint('http', 500);
    const lines: string[] = [];
    const log = createLogger('test', 'info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const connections: ElasticsearchConnection[] = [
      { ELASTICSEARCH_URL: es.url, ELASTICSEARCH_API_KEY: 'key-secret-1' },
      { ELASTICSEARCH_URL: es.url, ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: 'pw-secret-2' },
    ];
    for (const connection of connections) {
      const client = createElasticsearchClient(connection, settings);
      const err = await client.info().catch((e: unknown) => e);
      log.error({ err, config: connection, options: elasticsearchClientOptions(connection, settings) }, 'elasticsearch failed');
      await client.close();
    }
    const out = lines.join('');
    expect(out).toContain('elasticsearch failed');
    expect(es.authorizations.every((a) => a !== undefined)).toBe(true);
    for (const secret of ['key-secret-1', 'pw-secret-2', Buffer.from('elastic:pw-secret-2').toString('base64')]) expect(out).not.toContain(secret);
  });
});
