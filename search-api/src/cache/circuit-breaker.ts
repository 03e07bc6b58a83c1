import { CacheError } from './cache';

export type CircuitBreakerOptions = {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  cooldownMs: number;
  now?: () => number;
  onStateChange?: (state: CircuitState) => void;
};
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Fails fast while a dependency is known to be down, and lets one trial call through after a cooldown. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private state: CircuitState = 'closed';
  private trialRunning = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (options.failureThreshold < 1) throw new Error('CircuitBreaker: failureThreshold must be ≥ 1');
    if (options.cooldownMs < 0) throw new Error('CircuitBreaker: cooldownMs must be ≥ 0');
    this.now = options.now ?? Date.now;
  }

  get current(): CircuitState {
    return this.state;
  }

  /** Run `fn` unless the circuit is open; its outcome updates the circuit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.state === 'open') {
      if (this.now() - this.openedAt < this.options.cooldownMs) throw new CacheError('circuit_open', 'cache circuit open');
      this.transition('half-open');
    }
    if (this.state === 'half-open') {
      // One trial at a time: the others keep failing fast until it tells us the dependency is back.
      if (this.trialRunning) throw new CacheError('circuit_open', 'cache circuit half-open, trial running');
      this.trialRunning = true;
    }
    try {
      const result = await fn();
      this.failures = 0;
      if (this.state !== 'closed') this.transition('closed');
      return result;
    } catch (err) {
      this.failures++;
      if (this.state === 'half-open' || this.failures >= this.options.failureThreshold) {
        this.openedAt = this.now();
        if (this.state !== 'open') this.transition('open');
      }
      throw err;
    } finally {
      if (this.state !== 'half-open') this.trialRunning = false;
    }
  }

  private transition(state: CircuitState): void {
    this.state = state;
    if (state !== 'half-open') this.trialRunning = false;
    this.options.onStateChange?.(state);
  }
}
