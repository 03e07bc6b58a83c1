import { afterAll, describe, expect, it } from 'vitest';
import { createPubSubClient } from '@catalog/contract/pubsub';

// The factory's client on the real emulator, with nothing else keeping the Google auth library quiet: it must not
// probe for a GCE metadata server (a MetadataLookupWarning on every machine outside Google Cloud).
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
process.on('warning', onWarning);
afterAll(() => void process.off('warning', onWarning));

describe('Pub/Sub client factory on the emulator', () => {
  it('publishes and lists without a MetadataLookupWarning', async () => {
    delete process.env.METADATA_SERVER_DETECTION;
    const client = createPubSubClient({
      PUBSUB_PROJECT_ID: process.env.PUBSUB_PROJECT_ID ?? 'catalog-local',
      PUBSUB_EMULATOR_HOST: process.env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085',
    });
    const [topic] = await client.createTopic(`factory-${Date.now()}`);
    const messageId = await topic.publishMessage({ data: Buffer.from('{}') });
    expect(messageId).toMatch(/\d+/);
    const [topics] = await client.getTopics();
    expect(topics.map((t) => t.name)).toContain(topic.name);
    await topic.delete();
    await client.close();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => w.name)).not.toContain('MetadataLookupWarning');
  });
});
