import { describe, expect, it } from 'vitest';
import { createPubSubClient, pubSubClientConfig } from './pubsub-client';

describe('Pub/Sub client factory', () => {
  it('talks plain gRPC to the emulator without looking for credentials', async () => {
    const client = createPubSubClient({ PUBSUB_PROJECT_ID: 'catalog-local', PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' });
    expect(client.isEmulator).toBe(true);
    expect(client.projectId).toBe('catalog-local');
    expect(pubSubClientConfig({ PUBSUB_PROJECT_ID: 'p', PUBSUB_EMULATOR_HOST: 'pubsub:8085' })).toMatchObject({
      apiEndpoint: 'pubsub:8085',
      emulatorMode: true,
      universeDomain: 'googleapis.com',
    });
    await client.close();
  });

  it('uses Google Cloud with default credentials when no emulator is named', () => {
    expect(pubSubClientConfig({ PUBSUB_PROJECT_ID: 'shop-prod' })).toEqual({ projectId: 'shop-prod' });
  });
});
