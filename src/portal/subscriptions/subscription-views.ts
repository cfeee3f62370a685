import type { ApprovalRequestView } from '../../approvals/approval-engine.contract';
import type { AuditEntryInput } from '../../audit/audit-log/audit-trail';
import type { SubscriptionDto } from './subscriptions.dto';
import { effectiveState, type Subscription } from './subscription';

export function toSubscriptionDto(subscription: Subscription, now = Date.now()): SubscriptionDto {
  return {
    id: subscription.id,
    workspaceId: subscription.workspaceId,
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

/** The audit entry of a subscription's change (request, activation, rejection, revocation). */
export function subscriptionEntry(action: string, after: Subscription, before?: Subscription, approval?: ApprovalRequestView): AuditEntryInput {
  return {
    action,
    workspaceId: after.workspaceId,
    resourceType: 'subscription',
    resourceId: after.id,
    before: before && toSubscriptionDto(before),
    after: { ...toSubscriptionDto(after), ...(approval ? { approvalRequestId: approval.id, approvalRequestedBy: approval.requestedBy } : {}) },
  };
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
