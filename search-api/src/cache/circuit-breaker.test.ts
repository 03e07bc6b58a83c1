import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

const fail = () => Promise.reject(new Error('down'));
const ok = () => Promise.resolve('ok');

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, fails fast, then lets one trial through after the cooldown', async () => {
    let now = 0;
    const states: string[] = [];
    const b = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: () => now, onStateChange: (s) => states.push(s) });
    await expect(b.run(fail)).rejects.toThrow('down');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.current).toBe('open');
    await expect(b.run(ok)).rejects.toThrow('circuit open');
    now = 1000;
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.current).toBe('open');
    now = 2000;
    await expect(b.run(ok)).resolves.toBe('ok');
    expect(b.current).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('resets the failure count on success', async () => {
    const b = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
    await expect(b.run(fail)).rejects.toThrow();
    await b.run(ok);
    await expect(b.run(fail)).rejects.toThrow();
    expect(b.current).toBe('closed');
  });

  it('lets only one trial run while half-open', async () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: () => now });
    await expect(b.run(fail)).rejects.toThrow();
    now = 10;
    let release: (v: string) => void = () => {};
    const trial = b.run(() => new Promise<string>((r) => (release = r)));
    await expect(b.run(ok)).rejects.toThrow('trial running');
    release('back');
    await expect(trial).resolves.toBe('back');
    await expect(b.run(ok)).resolves.toBe('ok');
  });

  it.each([[0, 1], [1, -1]])('rejects bad options (%i, %i)', (failureThreshold, cooldownMs) => {
    expect(() => new CircuitBreaker({ failureThreshold, cooldownMs })).toThrow();
  });
});
