import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_GATEWAY, type ApprovalGateway } from '../../approvals/approval-engine.contract';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import { forbidden, invalid, isUniqueViolation, isUuid, notFound } from '../../common/http/problems';
import type { ApiProductCatalog, ApiProductView } from '../../prompt-apis/api-product-catalog';
import { isCallable, PORTAL_PRODUCTS } from '../catalog/portal-catalog';
import type { SubscriptionPlan } from '../subscription-check.contract';
import type { SubscriberType, Subscription } from './subscription';
import { SUBSCRIPTION_KIND, type SubscriptionSubject, subscriptionSubjectKey } from './subscription.kind';
import { subscriptionEntries, toSubscriptionDto } from './subscription-views';
import { PlanConsumption } from './plan-consumption';
import type { ListSubscriptionsInput, RequestSubscriptionInput, RevokeSubscriptionInput, SubscriptionDto } from './subscriptions.dto';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Subscriptions of apps (service accounts) and users to published API products: the workspace's
 * own, or another workspace's public ones. A subscription is filed in the API product's workspace
 * (an approval of kind `subscription` under that workspace's policy, decided by its approvers;
 * active at once when the policy is off) and held by the subscriber's workspace, which sees it,
 * may revoke it, and pays for its calls. Every change is audited (in both workspaces when they
 * differ) and published to the `subscriptions` topic in its transaction.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly audit: AuditTrail,
    @Inject(APPROVAL_GATEWAY) private readonly approvals: ApprovalGateway,
    @Inject(PORTAL_PRODUCTS) private readonly catalog: ApiProductCatalog,
    private readonly plans: PlanConsumption,
  ) {}

  async request(ctx: RequestContext, workspaceId: string, input: RequestSubscriptionInput): Promise<SubscriptionDto> {
    const product = this.subscribableProduct(workspaceId, input.apiProduct);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('expiresAt must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }], 422);
    return this.repository.transaction(async (manager) => {
      const subscriber = await this.subscriber(manager, ctx, workspaceId, input.subscriber);
      await this.refuseOpen(manager, ctx, product, subscriber);
      const pending = await this.insert(manager, {
        workspaceId: product.workspaceId,
        subscriberWorkspaceId: workspaceId,
        apiProductId: product.id,
        apiProductSlug: product.slug,
        subscriberType: subscriber.type,
        subscriberId: subscriber.id,
        plan: plan(input.plan),
        expiresAt,
        requestedBy: ctx.principal.subject,
        reason: input.reason ?? null,
      });
      const subject: SubscriptionSubject = {
        subscriptionId: pending.id,
        apiProductId: product.id,
        apiProduct: product.slug,
        subscriber,
        plan: pending.plan?.name ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
      };
      const outcome = await this.approvals.submit(manager, ctx, { workspaceId: product.workspaceId, kind: SUBSCRIPTION_KIND, subject, subjectKey: subscriptionSubjectKey(subject), reason: input.reason ?? null });
      const after = outcome.required
        ? await this.repository.linkApproval(manager, pending, outcome.request.id)
        : (await this.repository.find(manager, workspaceId, pending.id))!;
      await this.record(manager, ctx, subscriptionEntries('subscription.request', after));
      return toSubscriptionDto(after);
    });
  }

  async list(ctx: RequestContext, workspaceId: string, query: ListSubscriptionsInput): Promise<SubscriptionDto[]> {
    const product = query.apiProduct ? this.productFor(workspaceId, query.apiProduct) : undefined;
    if (query.apiProduct && !product) return [];
    const { principal } = ctx;
    const mine = query.mine === 'true' ? { subject: principal.subject, type: principal.kind === 'user' ? ('user' as const) : ('service_account' as const), id: principal.id } : undefined;
    const rows = await this.repository.list(this.repository.manager, workspaceId, { mine, apiProductId: product?.id, state: query.state }, query.limit ?? 100);
    return Promise.all(rows.map((row) => this.withConsumption(row)));
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<SubscriptionDto> {
    const subscription = isUuid(id) ? await this.repository.find(this.repository.manager, workspaceId, id) : undefined;
    if (!subscription) throw notFound('subscription');
    return this.withConsumption(subscription);
  }

  async revoke(ctx: RequestContext, workspaceId: string, id: string, input: RevokeSubscriptionInput): Promise<SubscriptionDto> {
    if (!isUuid(id)) throw notFound('subscription');
    return this.repository.transaction(async (manager) => {
      const before = await this.repository.find(manager, workspaceId, id, true);
      if (!before) throw notFound('subscription');
      const after = await this.repository.transition(manager, before, ['pending', 'active'], 'revoked', { revokedBy: ctx.principal.subject, revokeReason: input.reason ?? null });
      if (!after) {
        throw new PorticoError(ErrorCode.SUBSCRIPTION_NOT_REVOCABLE, `the subscription is ${before.state}; only pending or active ones can be revoked`, { status: 409, details: { state: before.state } });
      }
      await this.record(manager, ctx, subscriptionEntries('subscription.revoke', after, before));
      return toSubscriptionDto(after);
    });
  }

  private subscribableProduct(workspaceId: string, slug: string): ApiProductView {
    const product = this.productFor(workspaceId, slug);
    if (!product) throw notFound('API product');
    if (!isCallable(product)) throw invalid(`API product '${slug}' has no published version to subscribe to`, [{ path: 'apiProduct', message: 'not published' }], 422);
    return product;
  }

  /** The caller by default; a service account of the workspace; a user only for themself. */
  private async subscriber(manager: EntityManager, ctx: RequestContext, workspaceId: string, named: RequestSubscriptionInput['subscriber']): Promise<{ type: SubscriberType; id: string }> {
    const self = { type: ctx.principal.kind === 'user' ? ('user' as const) : ('service_account' as const), id: ctx.principal.id };
    if (!named || (named.type === self.type && named.id === self.id)) return self;
    if (named.type === 'user') throw forbidden('a user subscription is requested by that user; name a service account (an app) to subscribe on its behalf');
    if (!(await this.repository.serviceAccountExists(manager, workspaceId, named.id))) throw invalid('no such service account in this workspace', [{ path: 'subscriber.id', message: 'unknown service account' }], 422);
    return named;
  }

  private async refuseOpen(manager: EntityManager, ctx: RequestContext, product: ApiProductView, subscriber: { type: SubscriberType; id: string }): Promise<void> {
    const open = await this.repository.findOpen(manager, product.id, subscriber.type, subscriber.id);
    if (open && (!open.expiresAt || open.expiresAt.getTime() > Date.now())) throw exists(open);
    if (!open) return;
    const expired = await this.repository.transition(manager, open, ['pending', 'active'], 'expired');
    if (expired) await this.record(manager, ctx, subscriptionEntries('subscription.expire', expired, open));
  }

  private async record(manager: EntityManager, ctx: RequestContext, entries: Parameters<AuditTrail['record']>[2][]): Promise<void> {
    for (const entry of entries) await this.audit.record(manager, ctx, entry);
  }

  /** The view with the plan's consumption read from the counter store (active subscriptions with a plan). */
  private async withConsumption(subscription: Subscription): Promise<SubscriptionDto> {
    const dto = toSubscriptionDto(subscription);
    if (!subscription.plan || dto.state !== 'active') return { ...dto, consumption: null };
    return { ...dto, consumption: await this.plans.usage(subscription.id, subscription.plan) };
  }

  /** The workspace's own product with this slug, else another workspace's public one. */
  private productFor(workspaceId: string, slug: string): ApiProductView | undefined {
    return this.catalog.bySlug(workspaceId, slug) ?? this.catalog.visibleTo([]).find((product) => product.visibility === 'public' && product.slug === slug);
  }

  private async insert(manager: EntityManager, input: Parameters<SubscriptionsRepository['insert']>[1]): Promise<Subscription> {
    try {
      return await this.repository.insert(manager, input);
    } catch (error) {
      if (isUniqueViolation(error)) throw exists(undefined);
      throw error;
    }
  }
}

function exists(open: Subscription | undefined): PorticoError {
  return new PorticoError(ErrorCode.SUBSCRIPTION_EXISTS, `this subscriber already holds ${open ? `a ${open.state}` : 'an open'} subscription to the API product`, {
    status: 409,
    details: open ? { subscriptionId: open.id, state: open.state } : {},
  });
}

function plan(input: RequestSubscriptionInput['plan']): SubscriptionPlan | null {
  return input ? { name: input.name, requestsPerMinute: input.requestsPerMinute ?? null, monthlyBudgetUsd: input.monthlyBudgetUsd ?? null } : null;
}
