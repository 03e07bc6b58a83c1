import { describe, expect, it } from 'vitest';
import { ConfigError } from '@catalog/contract';
import { loadInventoryConfig } from './config';

const token = 'a'.repeat(32);

describe('loadInventoryConfig', () => {
  it('gives the documented defaults', () => {
    const config = loadInventoryConfig({ ADMIN_TOKEN: token });
    expect(config).toMatchObject({
      PORT: 4000,
      ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
      PUBSUB_PROJECT_ID: 'catalog-local',
      MEMCACHED_SERVERS: ['127.0.0.1:11211'],
    });
    expect(config.PUBSUB_EMULATOR_HOST).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadInventoryConfig({ PORT: 'eighty', PUBSUB_EMULATOR_HOST: 'nohostport' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      expect(err instanceof ConfigError && err.variables).toEqual(
        expect.arrayContaining(['PORT', 'PUBSUB_EMULATOR_HOST', 'ADMIN_TOKEN']),
      );
    }
  });

  it('never puts the token in the error message', () => {
    expect(() => loadInventoryConfig({ ADMIN_TOKEN: 'short-secret' })).toThrow(/ADMIN_TOKEN/);
    expect(() => loadInventoryConfig({ ADMIN_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
