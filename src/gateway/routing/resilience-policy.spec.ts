import { describe, expect, it } from 'vitest';
import { DEFAULT_RESILIENCE_POLICY, resiliencePolicySchema, resolvePolicy } from './resilience-policy';

describe('resilience policy', () => {
  it('fills what a route leaves out with the documented defaults', () => {
    expect(DEFAULT_RESILIENCE_POLICY).toEqual({
      retriesPerTarget: 1,
      maxAttempts: 4,
      backoffBaseMs: 250,
      backoffMaxMs: 4_000,
      maxRetryAfterSeconds: 10,
      timeouts: { connectMs: 5_000, firstByteMs: 60_000, totalMs: 600_000 },
    });
    expect(resolvePolicy({})).toEqual(DEFAULT_RESILIENCE_POLICY);
    expect(resolvePolicy(null)).toEqual(DEFAULT_RESILIENCE_POLICY);
    expect(resolvePolicy({ maxAttempts: 2, timeouts: { firstByteMs: 5_000 } })).toEqual({
      ...DEFAULT_RESILIENCE_POLICY,
      maxAttempts: 2,
      timeouts: { ...DEFAULT_RESILIENCE_POLICY.timeouts, firstByteMs: 5_000 },
    });
  });

  it('never lets the backoff ceiling sit below its base, and ignores a stored policy it cannot read', () => {
    expect(resolvePolicy({ backoffBaseMs: 10_000 }).backoffMaxMs).toBe(10_000);
    expect(resolvePolicy({ maxAttempts: 'many' } as never)).toEqual(DEFAULT_RESILIENCE_POLICY);
  });

  it('refuses unknown fields and out-of-range values', () => {
    for (const bad of [{ retries: 1 }, { maxAttempts: 0 }, { retriesPerTarget: -1 }, { backoffBaseMs: 1.5 }, { timeouts: { connectMs: 0 } }, { timeouts: { idleMs: 5 } }]) {
      expect(resiliencePolicySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
