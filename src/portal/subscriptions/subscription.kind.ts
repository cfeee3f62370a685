import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway, type ApprovalKindHandler, type ApprovalRequestView } from '../../approvals/approval-engine.contract';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { SubscriberType } from './subscription';
import { subscriptionEntries } from './subscription-views';
import { SubscriptionsRepository } from './subscriptions.repository';

export const SUBSCRIPTION_KIND = 'subscription';

/** What a subscription request asks approvers: let this subscriber call this API product. */
export interface SubscriptionSubject {
  readonly subscriptionId: string;
  readonly apiProductId: string;
  readonly apiProduct: string;
  readonly subscriber: { readonly type: SubscriberType; readonly id: string };
  readonly plan: string | null;
  readonly expiresAt: string | null;
}

export function subscriptionSubjectKey(subject: Pick<SubscriptionSubject, 'subscriptionId'>): string {
  return `subscription:${subject.subscriptionId}`;
}

/**
 * The `subscription` kind of the approval engine: approval activates the pending subscription in
 * the deciding transaction (so its keys work as soon as the decision commits, on every process);
 * a request that ends otherwise rejects it. A subscription revoked while its request waited stays
 * revoked.
 */
@Injectable()
export class SubscriptionKind implements ApprovalKindHandler<SubscriptionSubject>, OnModuleInit {
  readonly kind = SUBSCRIPTION_KIND;

  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
  ) {}

  onModuleInit(): void {
    this.approvals.registerKind(this);
  }

  describe(subject: SubscriptionSubject): string {
    const who = subject.subscriber.type === 'service_account' ? `app ${subject.subscriber.id}` : `user ${subject.subscriber.id}`;
    return `${who} → API '${subject.apiProduct}'${subject.plan ? ` (plan ${subject.plan})` : ''}`;
  }

  async onApproved(manager: EntityManager, request: ApprovalRequestView<SubscriptionSubject>): Promise<void> {
    await this.close(manager, request, 'active', 'subscription.activate');
  }

  async onClosed(manager: EntityManager, request: ApprovalRequestView<SubscriptionSubject>): Promise<void> {
    await this.close(manager, request, 'rejected', 'subscription.reject');
  }

  private async close(manager: EntityManager, request: ApprovalRequestView<SubscriptionSubject>, to: 'active' | 'rejected', action: string): Promise<void> {
    const before = await this.repository.find(manager, request.workspaceId, request.subject.subscriptionId, true);
    if (!before || before.state !== 'pending') return;
    const after = await this.repository.transition(manager, before, ['pending'], to);
    if (!after) return;
    for (const entry of subscriptionEntries(action, after, before, request)) await this.audit.record(manager, { system: `approval:${request.id}` }, entry);
  }
}
