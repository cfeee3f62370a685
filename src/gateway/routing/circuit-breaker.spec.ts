import { describe, expect, it } from 'vitest';
import { CircuitBreaker, InMemoryCircuitBreakers } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const options = { failureThreshold: 3, cooldownMs: 10_000 };

  it('opens after N consecutive failures, not before', () => {
    const breaker = new CircuitBreaker(options);
    breaker.record('failure', 0);
    breaker.record('failure', 0);
    expect(breaker.state(0)).toBe('closed');
    expect(breaker.tryAcquire(0)).toBe(true);
    breaker.record('failure', 5);
    expect(breaker.state(5)).toBe('open');
    expect(breaker.tryAcquire(6)).toBe(false);
    expect(breaker.msUntilHalfOpen(6)).toBe(9_999);
  });

  it('counts only consecutive failures: an answered attempt resets the count', () => {
    const breaker = new CircuitBreaker(options);
    breaker.record('failure', 0);
    breaker.record('failure', 0);
    breaker.record('success', 0);
    breaker.record('failure', 0);
    breaker.record('failure', 0);
    expect(breaker.state(0)).toBe('closed');
  });

  it('after the cooldown allows exactly one probe; its success closes the circuit', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) breaker.record('failure', 0);
    expect(breaker.state(10_000)).toBe('half_open');
    expect(breaker.tryAcquire(10_000)).toBe(true);
    expect(breaker.tryAcquire(10_001)).toBe(false);
    breaker.record('success', 10_002);
    expect(breaker.state(10_002)).toBe('closed');
    expect(breaker.tryAcquire(10_003)).toBe(true);
  });

  it('a failed probe re-opens the circuit for a whole cooldown', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) breaker.record('failure', 0);
    expect(breaker.tryAcquire(10_000)).toBe(true);
    breaker.record('failure', 10_500);
    expect(breaker.state(10_500)).toBe('open');
    expect(breaker.tryAcquire(20_000)).toBe(false);
    expect(breaker.state(20_500)).toBe('half_open');
  });

  it('a neutral outcome (caller aborted) frees the probe without deciding', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) breaker.record('failure', 0);
    expect(breaker.tryAcquire(10_000)).toBe(true);
    breaker.record('neutral', 10_001);
    expect(breaker.state(10_001)).toBe('half_open');
    expect(breaker.tryAcquire(10_002)).toBe(true);
  });

  it('the registry keeps one breaker per key and lists their states', () => {
    const breakers = new InMemoryCircuitBreakers(options);
    for (let i = 0; i < 3; i++) breakers.record('a:m', 'failure', 0);
    breakers.record('b:m', 'success', 0);
    expect(breakers.tryAcquire('a:m', 1)).toBe(false);
    expect(breakers.tryAcquire('b:m', 1)).toBe(true);
    expect(breakers.states(1)).toEqual([
      { key: 'a:m', state: 'open' },
      { key: 'b:m', state: 'closed' },
    ]);
    expect(breakers.msUntilHalfOpen('unknown', 1)).toBe(0);
  });
});
