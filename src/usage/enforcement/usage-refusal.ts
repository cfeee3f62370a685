/** Which limit refused a request. */
export type RefusalKind = 'requests' | 'tokens' | 'concurrency' | 'budget';

/**
 * A request refused by a rate limit, a concurrency limit or a budget: always `429`. Budgets answer
 * the code `budget_exceeded` (and tell SDKs not to retry: waiting a second does not refill a
 * budget); the others `rate_limit_exceeded` with a `retry-after` that says when it would pass.
 */
export class UsageRefusal extends Error {
  readonly status = 429;

  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** Milliseconds until the same request could pass; null when it cannot (a total budget). */
    readonly retryAfterMs: number | null,
    /** `x-ratelimit-*` headers known at the time of the refusal. */
    readonly rateLimitHeaders: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'UsageRefusal';
  }

  get code(): 'budget_exceeded' | 'rate_limit_exceeded' {
    return this.kind === 'budget' ? 'budget_exceeded' : 'rate_limit_exceeded';
  }

  /** Response headers: `retry-after` (seconds, at least 1), the rate-limit headers, `x-should-retry` for budgets. */
  headers(): Record<string, string> {
    const headers: Record<string, string> = { ...this.rateLimitHeaders };
    if (this.retryAfterMs !== null) headers['retry-after'] = String(Math.max(1, Math.ceil(this.retryAfterMs / 1000)));
    if (this.kind === 'budget') headers['x-should-retry'] = 'false';
    return headers;
  }
}

export function isUsageRefusal(value: unknown): value is UsageRefusal {
  return value instanceof UsageRefusal;
}

/** OpenAI's reset format: `20ms`, `1s`, `6m0s`, `1h2m3s`. */
export function formatReset(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  let seconds = Math.ceil(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
