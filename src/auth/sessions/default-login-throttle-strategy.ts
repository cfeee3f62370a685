import type { LoginThrottleStrategy, ThrottleKind } from './login-throttle-strategy';

export interface LoginThrottleLimits {
  /** Failures allowed before the first lock-out. */
  threshold: Record<ThrottleKind, number>;
  baseLockSeconds: number;
  maxLockSeconds: number;
  forgetAfterSeconds: number;
}

/** 5 failures per account, 20 per address; then 30 s, doubling with each further failure, up to 15 min. */
export const DEFAULT_LOGIN_THROTTLE_LIMITS: LoginThrottleLimits = {
  threshold: { account: 5, ip: 20 },
  baseLockSeconds: 30,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

/** Exponential back-off: the threshold-th failure locks for the base time, each later one doubles it. */
export class DefaultLoginThrottleStrategy implements LoginThrottleStrategy {
  constructor(private readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_THROTTLE_LIMITS) {}

  get forgetAfterSeconds(): number {
    return this.limits.forgetAfterSeconds;
  }

  lockSeconds(kind: ThrottleKind, failures: number): number {
    const over = failures - this.limits.threshold[kind];
    if (over < 0) return 0;
    return Math.min(this.limits.baseLockSeconds * 2 ** Math.min(over, 30), this.limits.maxLockSeconds);
  }
}
