import { z } from 'zod';

export const ROUTING_STRATEGIES = ['priority', 'weighted', 'least_latency', 'lowest_cost'] as const;
export type RoutingStrategyName = (typeof ROUTING_STRATEGIES)[number];

/** How hard the executor tries, and how long each attempt may take (applied by the caller's transport). */
export interface ResiliencePolicy {
  /** Extra attempts on the same target after a transient failure (server, overloaded, timeout, rate limit). */
  readonly retriesPerTarget: number;
  /** Attempts across every target and credential, first one included. */
  readonly maxAttempts: number;
  /** Exponential backoff with full jitter: a retry waits random(0, min(max, base × 2^retry)). */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A `retry-after` up to this is waited out on the same target; a longer one moves to the next target. */
  readonly maxRetryAfterSeconds: number;
  readonly timeouts: {
    readonly connectMs: number;
    readonly firstByteMs: number;
    readonly totalMs: number;
  };
}

/**
 * The defaults every route starts from (and the policy of direct `<account>/<model>` calls):
 * one retry per target, at most 4 attempts, backoff 250 ms doubling up to 4 s, `retry-after`
 * honoured up to 10 s, connect 5 s, first byte 60 s, whole attempt 10 min.
 */
export const DEFAULT_RESILIENCE_POLICY: ResiliencePolicy = Object.freeze({
  retriesPerTarget: 1,
  maxAttempts: 4,
  backoffBaseMs: 250,
  backoffMaxMs: 4_000,
  maxRetryAfterSeconds: 10,
  timeouts: Object.freeze({ connectMs: 5_000, firstByteMs: 60_000, totalMs: 600_000 }),
});

const ms = (max: number) => z.number().int().min(1).max(max);

/** What an admin may set in a route's `policy`; anything left out takes the default. */
export const resiliencePolicySchema = z.strictObject({
  retriesPerTarget: z.number().int().min(0).max(10).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  backoffBaseMs: ms(60_000).optional(),
  backoffMaxMs: ms(300_000).optional(),
  maxRetryAfterSeconds: z.number().int().min(0).max(300).optional(),
  timeouts: z
    .strictObject({
      connectMs: ms(120_000).optional(),
      firstByteMs: ms(3_600_000).optional(),
      totalMs: ms(3_600_000).optional(),
    })
    .optional(),
});
export type ResiliencePolicyOverrides = z.infer<typeof resiliencePolicySchema>;

/** The effective policy: the defaults overlaid with what the route sets. Tolerates unknown keys in stored rows. */
export function resolvePolicy(overrides: ResiliencePolicyOverrides | null | undefined): ResiliencePolicy {
  const parsed = resiliencePolicySchema.safeParse(overrides ?? {});
  const given = parsed.success ? parsed.data : {};
  const defined = <T extends object>(value: T | undefined) => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined));
  const { timeouts, ...rest } = given;
  const policy = {
    ...DEFAULT_RESILIENCE_POLICY,
    ...defined(rest),
    timeouts: Object.freeze({ ...DEFAULT_RESILIENCE_POLICY.timeouts, ...defined(timeouts) }),
  } as ResiliencePolicy;
  return Object.freeze({ ...policy, backoffMaxMs: Math.max(policy.backoffMaxMs, policy.backoffBaseMs) });
}
