import type { SubscriptionPlan } from '../subscription-check.contract';

export type SubscriptionState = 'pending' | 'active' | 'rejected' | 'revoked' | 'expired';
export type SubscriberType = 'service_account' | 'user';

/** One subscription as stored. */
export interface Subscription {
  readonly id: string;
  /** The API product's workspace: its approvers decide, it may revoke. */
  readonly workspaceId: string;
  /** The subscriber's workspace (another one for a public API of another workspace): it pays for the calls. */
  readonly subscriberWorkspaceId: string;
  readonly apiProductId: string;
  readonly apiProductSlug: string;
  readonly subscriberType: SubscriberType;
  readonly subscriberId: string;
  readonly state: SubscriptionState;
  readonly plan: SubscriptionPlan | null;
  readonly expiresAt: Date | null;
  readonly requestedBy: string;
  readonly reason: string | null;
  readonly approvalRequestId: string | null;
  readonly activatedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly revokeReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The state a reader sees: an active subscription past its expiry is expired, whether or not a
 * writer has marked it yet (expiry is checked at call time, never by a timer).
 */
export function effectiveState(subscription: Pick<Subscription, 'state' | 'expiresAt'>, now: number = Date.now()): SubscriptionState {
  if ((subscription.state === 'active' || subscription.state === 'pending') && subscription.expiresAt && subscription.expiresAt.getTime() <= now) return 'expired';
  return subscription.state;
}

/** `sa:<id>` or `user:<id>`, as casbin and the audit log name principals. */
export function subscriberSubject(type: SubscriberType, id: string): string {
  return type === 'service_account' ? `sa:${id}` : `user:${id}`;
}
