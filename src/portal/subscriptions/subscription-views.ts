import type { ApprovalRequestView } from '../../approvals/approval-engine.contract';
import type { AuditEntryInput } from '../../audit/audit-log/audit-trail';
import type { SubscriptionDto } from './subscriptions.dto';
import { effectiveState, type Subscription } from './subscription';

export function toSubscriptionDto(subscription: Subscription, now = Date.now()): SubscriptionDto {
  return {
    id: subscription.id,
    workspaceId: subscription.workspaceId,
    subscriberWorkspaceId: subscription.subscriberWorkspaceId,
    apiProduct: { id: subscription.apiProductId, slug: subscription.apiProductSlug },
    subscriber: { type: subscription.subscriberType, id: subscription.subscriberId },
    state: effectiveState(subscription, now),
    plan: subscription.plan,
    expiresAt: iso(subscription.expiresAt),
    requestedBy: subscription.requestedBy,
    reason: subscription.reason,
    approvalRequestId: subscription.approvalRequestId,
    activatedAt: iso(subscription.activatedAt),
    revokedAt: iso(subscription.revokedAt),
    revokedBy: subscription.revokedBy,
    revokeReason: subscription.revokeReason,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

/**
 * The audit entry of a subscription's change (request, activation, rejection, revocation), in the
 * API product's workspace, or in `workspaceId` (the subscriber's, for a cross-workspace subscription).
 */
export function subscriptionEntry(action: string, after: Subscription, before?: Subscription, approval?: ApprovalRequestView, workspaceId = after.workspaceId): AuditEntryInput {
  return {
    action,
    workspaceId,
    resourceType: 'subscription',
    resourceId: after.id,
    before: before && toSubscriptionDto(before),
    after: { ...toSubscriptionDto(after), ...(approval ? { approvalRequestId: approval.id, approvalRequestedBy: approval.requestedBy } : {}) },
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** The entries of a change: one in the API product's workspace, one more in the subscriber's when it is another. */
export function subscriptionEntries(action: string, after: Subscription, before?: Subscription, approval?: ApprovalRequestView): AuditEntryInput[] {
  const owner = subscriptionEntry(action, after, before, approval);
  return after.subscriberWorkspaceId === after.workspaceId ? [owner] : [owner, subscriptionEntry(action, after, before, approval, after.subscriberWorkspaceId)];
}
