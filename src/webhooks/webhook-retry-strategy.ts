/** What the dispatcher knows when an attempt failed in a way worth retrying. */
export interface FailedAttempt {
  /** 1 for the first attempt of a delivery. */
  attempt: number;
  /** When the delivery was created (the event committed, or a redelivery was asked for). */
  deliveryCreatedAt: Date;
  now: Date;
  /** The receiver's `retry-after`, in ms, when it sent one. */
  retryAfterMs?: number;
}

/** When a failed delivery is tried again; `null` gives it up. */
export interface WebhookRetryStrategy {
  nextAttemptAt(failed: FailedAttempt): Date | null;
}

export const WEBHOOK_RETRY_STRATEGY = Symbol('WebhookRetryStrategy');
