/** What a throttle key counts: one account (by e-mail, known or not) or one client address. */
export type ThrottleKind = 'account' | 'ip';

/**
 * How failed sign-ins turn into lock-outs. The counters live in Postgres (`auth_throttle`), so
 * every replica applies the same policy to the same numbers.
 */
export interface LoginThrottleStrategy {
  /** Seconds to lock the key after its `failures`-th consecutive failure; 0 leaves it open. */
  lockSeconds(kind: ThrottleKind, failures: number): number;
  /** A key whose last failure is older than this starts counting again from zero. */
  readonly forgetAfterSeconds: number;
}

export const LOGIN_THROTTLE_STRATEGY = Symbol('LoginThrottleStrategy');

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${kind === 'account' ? value.trim().toLowerCase() : value}`;
}
