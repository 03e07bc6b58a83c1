import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { IMAGES } from './containers';
import { repoRoot } from './paths';

const Compose = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string(),
      build: z.object({ context: z.string(), target: z.string() }).optional(),
      command: z.array(z.string()).optional(),
      volumes: z.array(z.string()).optional(),
      environment: z.record(z.string(), z.string()).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
    }),
  ),
});

async function compose(): Promise<z.infer<typeof Compose>> {
  // Compose honours YAML merge keys (`<<`), so parse the way it does.
  return Compose.parse(parse(await readFile(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }));
}

describe('docker-compose.yml', () => {
  it('names every service of the stack', async () => {
    const { services } = await compose();
    expect(Object.keys(services).sort()).toEqual(
      ['elasticsearch', 'indexer', 'inventory-simulator', 'memcached', 'pubsub-emulator', 'search-api', 'setup'].sort(),
    );
  });

  it('uses the same images as the test containers', async () => {
    const { services } = await compose();
    expect(services.elasticsearch?.image).toBe(IMAGES.elasticsearch);
    expect(services['pubsub-emulator']?.image).toBe(IMAGES['pubsub-emulator']);
    expect(services.memcached?.image).toBe(IMAGES.memcached);
  });

  it.each([
    ['search-api', '3000'],
    ['inventory-simulator', '4000'],
    ['indexer', '4100'],
  ])('runs %s on port %s from its production image against the compose services, after the setup', async (name, port) => {
    const service = (await compose()).services[name];
    // The Dockerfile target of the same name (its CMD runs the process), never the source tree mounted in.
    expect(service?.build).toEqual({ context: '.', target: name });
    expect(service?.image).toBe(`catalog-search/${name}:local`);
    expect(service?.command).toBeUndefined();
    expect(service?.volumes ?? []).not.toContainEqual(expect.stringMatching(/^\.:/));
    expect(service?.environment).toMatchObject({
      ELASTICSEARCH_URL: 'http://elasticsearch:9200',
      PUBSUB_EMULATOR_HOST: 'pubsub-emulator:8085',
      MEMCACHED_SERVERS: 'memcached:11211',
      PORT: port,
    });
    expect(service?.depends_on?.setup?.condition).toBe('service_completed_successfully');
  });

  it('runs the topology setup from the tools image once the backends are healthy', async () => {
    const { setup } = (await compose()).services;
    expect(setup?.build).toEqual({ context: '.', target: 'tools' });
    expect(setup?.command).toBeUndefined();
    expect(setup?.depends_on?.elasticsearch?.condition).toBe('service_healthy');
    expect(setup?.depends_on?.['pubsub-emulator']?.condition).toBe('service_healthy');
  });
});
