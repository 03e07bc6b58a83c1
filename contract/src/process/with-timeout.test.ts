import { describe, expect, it } from 'vitest';
import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('resolves with the promise when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 50, () => new Error('late'))).resolves.toBe(7);
  });
  it('rejects with the given error when the promise is late', async () => {
    const never = new Promise<number>(() => {});
    await expect(withTimeout(never, 5, () => new Error('memcached get took over 5 ms'))).rejects.toThrow('over 5 ms');
  });
});
