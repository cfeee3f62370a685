import type { ApiKeyRecord } from '../auth/api-keys/api-key-registry';

/**
 * The contract between the portal's subscriptions (`src/portal`) and the API runtimes that need
 * them (`/apis/...` prompt APIs, proxied REST APIs). Answered from memory: no database on the
 * request path. A subscription belongs to an app (a service account) — or to a user for personal
 * keys — and covers every key that owner holds.
 */
export type SubscriptionStatus =
  /** An approved, unexpired subscription covers the key: call allowed. */
  | { readonly state: 'active'; readonly subscriptionId: string; readonly plan: SubscriptionPlan | null }
  /** A request is waiting for approval: 403 with a clear code. */
  | { readonly state: 'pending'; readonly subscriptionId: string }
  /** None, or revoked, rejected or expired: 403. */
  | { readonly state: 'none' };

/** Optional limits a subscription carries (enforced by the runtime through the usage gate). */
export interface SubscriptionPlan {
  readonly name: string;
  readonly requestsPerMinute: number | null;
  readonly monthlyBudgetUsd: number | null;
}

export interface SubscriptionCheck {
  /** Whether `key` may call API product `apiProductId` now. Revocations apply within 1 s on every process. */
  statusFor(key: ApiKeyRecord, apiProductId: string): SubscriptionStatus;
}

/** Injection token; the portal module provides it (global). */
export const SUBSCRIPTION_CHECK = Symbol('SubscriptionCheck');
