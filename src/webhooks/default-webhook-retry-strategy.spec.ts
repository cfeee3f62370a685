import { describe, expect, it } from 'vitest';
import { DefaultWebhookRetryStrategy } from './default-webhook-retry-strategy';

const start = new Date('2026-01-01T00:00:00Z');
const seconds = (date: Date | null) => (date ? (date.getTime() - start.getTime()) / 1000 : null);

/** Fails every attempt right when it is due; answers the delays (in seconds since the start) until the strategy gives up. */
function schedule(strategy: DefaultWebhookRetryStrategy, retryAfterMs?: number): number[] {
  const at: number[] = [];
  let now = start;
  for (let attempt = 1; attempt < 100; attempt++) {
    const next = strategy.nextAttemptAt({ attempt, deliveryCreatedAt: start, now, retryAfterMs });
    if (!next) return at;
    at.push(seconds(next)!);
    now = next;
  }
  throw new Error('never gave up');
}

describe('DefaultWebhookRetryStrategy', () => {
  it('backs off exponentially from 5 s, caps at 6 h and gives up after 24 h (no jitter at the midpoint)', () => {
    const times = schedule(new DefaultWebhookRetryStrategy({ random: () => 0.5 }));
    expect(times).toEqual([5, 30, 155, 780, 3_905, 19_530, 41_130, 62_730, 84_330]);
    expect(times.at(-1)!).toBeLessThanOrEqual(24 * 3600);
  });

  it('spreads each delay by ±20 %', () => {
    const low = new DefaultWebhookRetryStrategy({ random: () => 0 });
    const high = new DefaultWebhookRetryStrategy({ random: () => 1 });
    const first = (strategy: DefaultWebhookRetryStrategy, attempt: number) => seconds(strategy.nextAttemptAt({ attempt, deliveryCreatedAt: start, now: start }));
    expect([first(low, 1), first(high, 1)]).toEqual([4, 6]);
    expect([first(low, 3), first(high, 3)]).toEqual([100, 150]);
    expect([first(low, 9), first(high, 9)]).toEqual([17_280, 25_920]);
  });

  it('honours retry-after instead of the backoff, at least one second, within the window', () => {
    const strategy = new DefaultWebhookRetryStrategy({ random: () => 0.5 });
    expect(seconds(strategy.nextAttemptAt({ attempt: 1, deliveryCreatedAt: start, now: start, retryAfterMs: 120_000 }))).toBe(120);
    expect(seconds(strategy.nextAttemptAt({ attempt: 4, deliveryCreatedAt: start, now: start, retryAfterMs: 2_000 }))).toBe(2);
    expect(seconds(strategy.nextAttemptAt({ attempt: 1, deliveryCreatedAt: start, now: start, retryAfterMs: 0 }))).toBe(1);
    expect(strategy.nextAttemptAt({ attempt: 1, deliveryCreatedAt: start, now: start, retryAfterMs: 25 * 3600_000 })).toBeNull();
  });

  it('stops after the attempt cap even when the receiver keeps asking for an immediate retry', () => {
    expect(schedule(new DefaultWebhookRetryStrategy(), 0)).toHaveLength(14);
  });
});
