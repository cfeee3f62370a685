export type BreakerState = 'closed' | 'open' | 'half_open';

/** What an attempt told the breaker: the upstream failed, answered, or we cannot tell (caller aborted). */
export type BreakerOutcome = 'failure' | 'success' | 'neutral';

export interface CircuitBreakerOptions {
  /** Consecutive failures (server, overloaded, timeout) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses attempts before allowing one probe. */
  cooldownMs: number;
}

/** 5 consecutive failures open a target for 30 s. */
export const DEFAULT_BREAKER_OPTIONS: CircuitBreakerOptions = Object.freeze({ failureThreshold: 5, cooldownMs: 30_000 });

/**
 * One target's circuit: closed → open after `failureThreshold` consecutive failures → after
 * `cooldownMs` half-open, where exactly one probe may go; its success closes the circuit, its
 * failure opens it again for another cooldown.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER_OPTIONS) {}

  state(now: number): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return now - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether an attempt may go now; in half-open, true once until the probe reports back. */
  tryAcquire(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  record(outcome: BreakerOutcome, now: number): void {
    if (outcome === 'neutral') {
      this.probing = false;
      return;
    }
    if (outcome === 'success') {
      this.failures = 0;
      this.openedAt = undefined;
      this.probing = false;
      return;
    }
    this.failures += 1;
    if (this.probing || this.failures >= this.options.failureThreshold) this.openedAt = now;
    this.probing = false;
  }

  /** 0 unless open; otherwise the time left until the next probe may go. */
  msUntilHalfOpen(now: number): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - now);
  }
}

/**
 * The breakers of every target, by key. An interface so a shared store (Redis) can replace the
 * in-process one when several replicas run; the executor only uses these four calls.
 */
export interface CircuitBreakers {
  tryAcquire(key: string, now: number): boolean;
  record(key: string, outcome: BreakerOutcome, now: number): void;
  msUntilHalfOpen(key: string, now: number): number;
  states(now: number): Array<{ key: string; state: BreakerState }>;
}

export class InMemoryCircuitBreakers implements CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER_OPTIONS) {}

  tryAcquire(key: string, now: number): boolean {
    return this.breaker(key).tryAcquire(now);
  }

  record(key: string, outcome: BreakerOutcome, now: number): void {
    this.breaker(key).record(outcome, now);
  }

  msUntilHalfOpen(key: string, now: number): number {
    return this.breakers.get(key)?.msUntilHalfOpen(now) ?? 0;
  }

  states(now: number): Array<{ key: string; state: BreakerState }> {
    return [...this.breakers].map(([key, breaker]) => ({ key, state: breaker.state(now) }));
  }

  private breaker(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}
