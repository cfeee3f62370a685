import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, PorticoError } from '../../common/errors';
import { AuthThrottleRepository } from './auth-throttle.repository';
import { LOGIN_THROTTLE_STRATEGY, type LoginThrottleStrategy, throttleKey } from './login-throttle-strategy';

/** The keys one password check counts against. */
export interface ThrottleSubject {
  email: string;
  ip: string;
}

/**
 * Counts every password check before it happens, so parallel guesses cannot slip past the
 * threshold while argon2 runs; a success takes its count back. A locked key is refused without
 * a password check and without counting.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: AuthThrottleRepository,
    @Inject(LOGIN_THROTTLE_STRATEGY) private readonly strategy: LoginThrottleStrategy,
  ) {}

  /** Throws `LOGIN_LOCKED` (429, `retryAfterSeconds` in details) when either key is locked. */
  async claim(subject: ThrottleSubject): Promise<void> {
    const keys = [{ kind: 'account' as const, key: throttleKey('account', subject.email) }, { kind: 'ip' as const, key: throttleKey('ip', subject.ip) }];
    await this.repository.transaction(async (manager) => {
      const locks: number[] = [];
      for (const { kind, key } of keys) {
        const failures = await this.repository.claimAttempt(manager, key, this.strategy.forgetAfterSeconds);
        if (failures === null) locks.push(await this.repository.secondsLocked(manager, key));
        else if (this.strategy.lockSeconds(kind, failures) > 0) await this.repository.lock(manager, key, this.strategy.lockSeconds(kind, failures));
      }
      // Throwing rolls back the attempts counted on the other key: a refused try costs nothing.
      if (locks.length > 0) throw lockedError(Math.max(...locks, 1));
    });
  }

  async succeeded(subject: ThrottleSubject): Promise<void> {
    await this.repository.reset(throttleKey('account', subject.email));
    await this.repository.releaseAttempt(throttleKey('ip', subject.ip));
  }
}

function lockedError(retryAfterSeconds: number): PorticoError {
  return new PorticoError(ErrorCode.LOGIN_LOCKED, `too many failed sign-in attempts; try again in ${retryAfterSeconds} s`, {
    status: 429,
    details: { retryAfterSeconds },
  });
}
