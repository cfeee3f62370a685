import type { FailedAttempt, WebhookRetryStrategy } from './webhook-retry-strategy';

export interface RetryScheduleOptions {
  /** Delay after the first failed attempt. */
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Retries stop when the next one would start later than this after the delivery was created. */
  windowMs: number;
  /** A cap on attempts, so a receiver answering `retry-after: 0` is not hammered for a day. */
  maxAttempts: number;
  /** Each delay is spread uniformly by ± this fraction, so retries from many deliveries do not arrive together. */
  jitter: number;
  random: () => number;
}

const SECOND = 1_000;
const HOUR = 3_600_000;

/** 5 s, 25 s, ~2 min, ~10 min, ~52 min, ~4.3 h, then every ~6 h, for 24 h: about ten attempts. */
export const DEFAULT_RETRY_SCHEDULE: Omit<RetryScheduleOptions, 'random'> = {
  initialDelayMs: 5 * SECOND,
  factor: 5,
  maxDelayMs: 6 * HOUR,
  windowMs: 24 * HOUR,
  maxAttempts: 15,
  jitter: 0.2,
};

/**
 * Exponential backoff with jitter over a fixed window (the Standard Webhooks recommendation).
 * A receiver's `retry-after` replaces the computed delay (at least one second), as long as it
 * still falls inside the window.
 */
export class DefaultWebhookRetryStrategy implements WebhookRetryStrategy {
  private readonly options: RetryScheduleOptions;

  constructor(options: Partial<RetryScheduleOptions> = {}) {
    this.options = { ...DEFAULT_RETRY_SCHEDULE, random: Math.random, ...options };
  }

  nextAttemptAt({ attempt, deliveryCreatedAt, now, retryAfterMs }: FailedAttempt): Date | null {
    const { initialDelayMs, factor, maxDelayMs, windowMs, maxAttempts, jitter, random } = this.options;
    if (attempt >= maxAttempts) return null;
    const backoff = Math.min(maxDelayMs, initialDelayMs * factor ** (attempt - 1));
    const delay = retryAfterMs !== undefined ? Math.max(SECOND, retryAfterMs) : backoff * (1 - jitter + 2 * jitter * random());
    const next = new Date(now.getTime() + Math.round(delay));
    return next.getTime() <= deliveryCreatedAt.getTime() + windowMs ? next : null;
  }
}
