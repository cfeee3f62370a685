import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import type { SubscriptionPlan } from '../subscription-check.contract';
import type { SubscriberType, Subscription, SubscriptionState } from './subscription';

interface Row {
  id: string;
  workspace_id: string;
  subscriber_workspace_id: string;
  api_product_id: string;
  api_product_slug: string;
  subscriber_type: SubscriberType;
  subscriber_id: string;
  state: SubscriptionState;
  plan_name: string | null;
  plan_requests_per_minute: number | null;
  plan_monthly_budget_usd: string | null;
  expires_at: Date | null;
  requested_by: string;
  reason: string | null;
  approval_request_id: string | null;
  activated_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, workspace_id, subscriber_workspace_id, api_product_id, api_product_slug, subscriber_type, subscriber_id, state, plan_name, plan_requests_per_minute,
  plan_monthly_budget_usd, expires_at, requested_by, reason, approval_request_id, activated_at, revoked_at, revoked_by, revoke_reason, created_at, updated_at`;

/** Filters on the state a reader sees (an open subscription past its expiry reads as expired). */
const EFFECTIVE_STATE: Record<SubscriptionState, string> = {
  pending: `state = 'pending' AND (expires_at IS NULL OR expires_at > now())`,
  active: `state = 'active' AND (expires_at IS NULL OR expires_at > now())`,
  expired: `(state = 'expired' OR (state IN ('pending', 'active') AND expires_at <= now()))`,
  rejected: `state = 'rejected'`,
  revoked: `state = 'revoked'`,
};

export interface NewSubscription {
  readonly workspaceId: string;
  readonly subscriberWorkspaceId: string;
  readonly apiProductId: string;
  readonly apiProductSlug: string;
  readonly subscriberType: SubscriberType;
  readonly subscriberId: string;
  readonly plan: SubscriptionPlan | null;
  readonly expiresAt: Date | null;
  readonly requestedBy: string;
  readonly reason: string | null;
}

export interface SubscriptionFilter {
  /** Only subscriptions requested by, or held by, this principal (`user:<id>` / `sa:<id>`). */
  readonly mine?: { readonly subject: string; readonly type: SubscriberType; readonly id: string };
  readonly apiProductId?: string;
  readonly state?: SubscriptionState;
}

/**
 * The only code that reads and writes `subscriptions`. Every write that changes who may call what
 * publishes a `subscriptions` change in the same transaction, so every process's snapshot reloads
 * the workspace when (and only when) the write commits.
 */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, input: NewSubscription): Promise<Subscription> {
    const rows: Row[] = await manager.query(
      `INSERT INTO subscriptions (workspace_id, api_product_id, api_product_slug, subscriber_type, subscriber_id, plan_name, plan_requests_per_minute,
         plan_monthly_budget_usd, expires_at, requested_by, reason, subscriber_workspace_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [
        input.workspaceId,
        input.apiProductId,
        input.apiProductSlug,
        input.subscriberType,
        input.subscriberId,
        input.plan?.name ?? null,
        input.plan?.requestsPerMinute ?? null,
        input.plan?.monthlyBudgetUsd ?? null,
        input.expiresAt,
        input.requestedBy,
        input.reason,
        input.subscriberWorkspaceId,
      ],
    );
    await publishChange(manager, { topic: 'subscriptions', id: rows[0]!.id, workspaceId: input.workspaceId });
    return toSubscription(rows[0]!);
  }

  /** A subscription seen from `workspaceId`: the API product's workspace or the subscriber's. */
  async find(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<Subscription | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM subscriptions WHERE (workspace_id = $1 OR subscriber_workspace_id = $1) AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [workspaceId, id],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  /** The pending or active subscription of a subscriber to a product, locked. */
  async findOpen(manager: EntityManager, apiProductId: string, subscriberType: SubscriberType, subscriberId: string): Promise<Subscription | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM subscriptions WHERE api_product_id = $1 AND subscriber_type = $2 AND subscriber_id = $3 AND state IN ('pending', 'active') FOR UPDATE`,
      [apiProductId, subscriberType, subscriberId],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async list(manager: EntityManager, workspaceId: string, filter: SubscriptionFilter, limit: number): Promise<Subscription[]> {
    const where = ['(workspace_id = $1 OR subscriber_workspace_id = $1)'];
    const params: unknown[] = [workspaceId];
    if (filter.mine) {
      params.push(filter.mine.subject, filter.mine.type, filter.mine.id);
      where.push(`(requested_by = $${params.length - 2} OR (subscriber_type = $${params.length - 1} AND subscriber_id = $${params.length}))`);
    }
    if (filter.apiProductId) {
      params.push(filter.apiProductId);
      where.push(`api_product_id = $${params.length}`);
    }
    if (filter.state) where.push(EFFECTIVE_STATE[filter.state]);
    params.push(limit);
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM subscriptions WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
    return rows.map(toSubscription);
  }

  async linkApproval(manager: EntityManager, subscription: Subscription, approvalRequestId: string): Promise<Subscription> {
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE subscriptions SET approval_request_id = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [subscription.workspaceId, subscription.id, approvalRequestId],
    );
    return toSubscription(rows[0]!);
  }

  /** Moves a subscription out of `from` (pending or active); undefined when it was no longer there. */
  async transition(
    manager: EntityManager,
    subscription: Pick<Subscription, 'workspaceId' | 'id'>,
    from: readonly SubscriptionState[],
    to: SubscriptionState,
    extra: { revokedBy?: string; revokeReason?: string | null } = {},
  ): Promise<Subscription | undefined> {
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE subscriptions
          SET state = $4, updated_at = now(),
              activated_at = CASE WHEN $4 = 'active' THEN now() ELSE activated_at END,
              revoked_at = CASE WHEN $4 = 'revoked' THEN now() ELSE revoked_at END,
              revoked_by = CASE WHEN $4 = 'revoked' THEN $5 ELSE revoked_by END,
              revoke_reason = CASE WHEN $4 = 'revoked' THEN $6 ELSE revoke_reason END
        WHERE workspace_id = $1 AND id = $2 AND state = ANY($3::text[])
        RETURNING ${COLUMNS}`,
      [subscription.workspaceId, subscription.id, from, to, extra.revokedBy ?? null, extra.revokeReason ?? null],
    );
    if (!rows[0]) return undefined;
    await publishChange(manager, { topic: 'subscriptions', id: subscription.id, workspaceId: subscription.workspaceId });
    return toSubscription(rows[0]);
  }

  /** Open subscriptions (pending or active) for the snapshot, of some workspaces or all. */
  async loadOpen(workspaceIds?: readonly string[]): Promise<Subscription[]> {
    const rows: Row[] = workspaceIds
      ? await this.dataSource.query(`SELECT ${COLUMNS} FROM subscriptions WHERE state IN ('pending', 'active') AND workspace_id = ANY($1::uuid[])`, [workspaceIds])
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM subscriptions WHERE state IN ('pending', 'active')`);
    return rows.map(toSubscription);
  }

  /** Adds settled plan spend (nano-USD per subscription and UTC month) in one statement. */
  async addSpend(deltas: readonly { subscriptionId: string; period: string; nanoUsd: number }[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO subscription_spend (subscription_id, period, spent_nano_usd)
       SELECT d.subscription_id, d.period, d.nano_usd FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS d (subscription_id, period, nano_usd)
       WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = d.subscription_id)
       ON CONFLICT (subscription_id, period) DO UPDATE SET spent_nano_usd = subscription_spend.spent_nano_usd + EXCLUDED.spent_nano_usd, updated_at = now()`,
      [deltas.map((delta) => delta.subscriptionId), deltas.map((delta) => delta.period), deltas.map((delta) => String(Math.round(delta.nanoUsd)))],
    );
  }

  /** Durable plan spend of some subscriptions in one month, to seed the counter store. */
  async spendOf(subscriptionIds: readonly string[], period: string): Promise<Map<string, number>> {
    if (subscriptionIds.length === 0) return new Map();
    const rows: { subscription_id: string; spent_nano_usd: string }[] = await this.dataSource.query(
      `SELECT subscription_id, spent_nano_usd FROM subscription_spend WHERE subscription_id = ANY($1::uuid[]) AND period = $2`,
      [subscriptionIds, period],
    );
    return new Map(rows.map((row) => [row.subscription_id, Number(row.spent_nano_usd)]));
  }

  /** Whether `id` names a service account of the workspace (an app that can hold a subscription). */
  async serviceAccountExists(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM service_accounts WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows.length > 0;
  }
}

function toSubscription(row: Row): Subscription {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    subscriberWorkspaceId: row.subscriber_workspace_id,
    apiProductId: row.api_product_id,
    apiProductSlug: row.api_product_slug,
    subscriberType: row.subscriber_type,
    subscriberId: row.subscriber_id,
    state: row.state,
    plan: row.plan_name
      ? {
          name: row.plan_name,
          requestsPerMinute: row.plan_requests_per_minute,
          monthlyBudgetUsd: row.plan_monthly_budget_usd === null ? null : Number(row.plan_monthly_budget_usd),
        }
      : null,
    expiresAt: row.expires_at,
    requestedBy: row.requested_by,
    reason: row.reason,
    approvalRequestId: row.approval_request_id,
    activatedAt: row.activated_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
