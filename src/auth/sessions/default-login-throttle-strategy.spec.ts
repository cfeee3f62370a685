import { describe, expect, it } from 'vitest';
import { DefaultLoginThrottleStrategy } from './default-login-throttle-strategy';
import { throttleKey } from './login-throttle-strategy';

describe('DefaultLoginThrottleStrategy', () => {
  const strategy = new DefaultLoginThrottleStrategy();

  it('leaves an account open for its first four failures and locks on the fifth for 30 s', () => {
    expect([1, 2, 3, 4].map((n) => strategy.lockSeconds('account', n))).toEqual([0, 0, 0, 0]);
    expect(strategy.lockSeconds('account', 5)).toBe(30);
  });

  it('doubles the lock with each further failure and caps it at 15 minutes', () => {
    expect([6, 7, 8, 9, 10].map((n) => strategy.lockSeconds('account', n))).toEqual([60, 120, 240, 480, 900]);
    expect(strategy.lockSeconds('account', 11)).toBe(900);
    expect(strategy.lockSeconds('account', 10_000)).toBe(900);
  });

  it('gives a client address a higher threshold than an account', () => {
    expect(strategy.lockSeconds('ip', 19)).toBe(0);
    expect(strategy.lockSeconds('ip', 20)).toBe(30);
    expect(strategy.lockSeconds('ip', 21)).toBe(60);
  });

  it('takes its numbers from the limits it is given', () => {
    const strict = new DefaultLoginThrottleStrategy({ threshold: { account: 2, ip: 3 }, baseLockSeconds: 5, maxLockSeconds: 12, forgetAfterSeconds: 7 });
    expect([1, 2, 3, 4].map((n) => strict.lockSeconds('account', n))).toEqual([0, 5, 10, 12]);
    expect(strict.forgetAfterSeconds).toBe(7);
  });

  it('keys accounts by lower-cased e-mail and addresses verbatim', () => {
    expect(throttleKey('account', '  Admin@Example.COM ')).toBe('account:admin@example.com');
    expect(throttleKey('ip', '::ffff:10.0.0.1')).toBe('ip:::ffff:10.0.0.1');
  });
});
