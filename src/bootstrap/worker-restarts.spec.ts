import { describe, expect, it } from 'vitest';
import { WorkerRestartPolicy } from './worker-restarts';

describe('WorkerRestartPolicy', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 4_000, stableAfterMs: 60_000 };

  it('doubles the delay with each crash that follows a short run, up to the maximum', () => {
    const policy = new WorkerRestartPolicy(options);
    expect([1, 2, 3, 4, 5, 6].map(() => policy.delayAfterCrash(100))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(policy.crashes).toBe(6);
  });

  it('starts afresh after a worker stayed up past the stable period', () => {
    const policy = new WorkerRestartPolicy(options);
    policy.delayAfterCrash(10);
    policy.delayAfterCrash(10);
    expect(policy.delayAfterCrash(60_000)).toBe(500);
    expect(policy.delayAfterCrash(10)).toBe(1_000);
  });
});
