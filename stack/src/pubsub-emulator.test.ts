import { describe, expect, it } from 'vitest';
import { emulatorJvmEnv } from './pubsub-emulator';

const GiB = 2 ** 30;

describe("the emulator's JVM heap", () => {
  it('is capped at half the machine memory by default (the JVM alone would take a quarter)', () => {
    expect(emulatorJvmEnv({}, 24 * GiB)).toEqual({ CLOUD_PUBSUB_EMULATOR_OPTS: '-Xmx12288m' });
    expect(emulatorJvmEnv({}, 8 * GiB)).toEqual({ CLOUD_PUBSUB_EMULATOR_OPTS: '-Xmx4096m' });
  });

  it('leaves JVM options the environment gives the start script alone', () => {
    expect(emulatorJvmEnv({ CLOUD_PUBSUB_EMULATOR_OPTS: '-Xmx2g' }, 24 * GiB)).toEqual({});
    expect(emulatorJvmEnv({ JAVA_OPTS: '-Xmx3g' }, 24 * GiB)).toEqual({});
  });

  it('takes an explicit heap over everything', () => {
    expect(emulatorJvmEnv({ JAVA_OPTS: '-Xmx3g' }, 24 * GiB, 6144)).toEqual({ CLOUD_PUBSUB_EMULATOR_OPTS: '-Xmx6144m' });
  });
});
