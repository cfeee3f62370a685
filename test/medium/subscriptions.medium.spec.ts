import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalKindRegistry } from '../../src/approvals/approval-kinds';
import { ApprovalService } from '../../src/approvals/approval.service';
import { ApprovalsRepository } from '../../src/approvals/approvals.repository';
import { AuditTrail } from '../../src/audit/audit-log/audit-trail';
import type { ApiKeyRecord } from '../../src/auth/api-keys/api-key-registry';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { PolicyRepository } from '../../src/auth/authz/policy.repository';
import type { RequestContext } from '../../src/auth/principal';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { ErrorCode } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { SubscriptionKind } from '../../src/portal/subscriptions/subscription.kind';
import { SubscriptionSnapshot } from '../../src/portal/subscriptions/subscription-snapshot';
import { SubscriptionsRepository } from '../../src/portal/subscriptions/subscriptions.repository';
import { SubscriptionsService } from '../../src/portal/subscriptions/subscriptions.service';
import type { ApiProductCatalog, ApiProductView } from '../../src/prompt-apis/api-product-catalog';
import { WebhookDeliveriesRepository } from '../../src/webhooks/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from '../../src/webhooks/webhook-endpoints.repository';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox';
import { PlanConsumption } from '../../src/portal/subscriptions/plan-consumption';
import { MemoryCounterStore } from '../../src/usage/limits/memory-counter-store';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });

/** The catalog as the prompt APIs module answers it, over the products the test adds. */
function catalogOf(products: ApiProductView[]): ApiProductCatalog {
  return {
    list: () => products,
    visibleTo: () => products,
    byId: (id) => products.find((product) => product.id === id),
    bySlug: (workspaceId, slug) => products.find((product) => product.workspaceId === workspaceId && product.slug === slug),
  };
}

/** The catalog's view of a product whose row exists in `api_products` (subscriptions reference it). */
async function product(dataSource: DataSource, workspaceId: string, slug: string, state: 'published' | 'retired'): Promise<ApiProductView> {
  const [{ id }] = await dataSource.query(`INSERT INTO api_products (workspace_id, slug, title, visibility, created_by) VALUES ($1, $2, $2, 'workspace', 'system') RETURNING id`, [workspaceId, slug]);
  return {
    id,
    workspaceId,
    slug,
    title: slug,
    description: null,
    tags: [],
    visibility: 'workspace',
    currentVersion: state === 'published' ? 1 : null,
    versions: [
      {
        number: 1,
        state,
        promptId: randomUUID(),
        promptSlug: slug,
        promptVersion: 1,
        inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
        output: 'text',
        outputSchema: null,
        publishedAt: new Date(),
        deprecatedAt: null,
        sunsetAt: null,
        successorVersion: state === 'retired' ? 2 : null,
      },
    ],
  };
}

async function until(check: () => boolean, budgetMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > budgetMs) throw new Error(`not within ${budgetMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

/**
 * Subscriptions on a real Postgres with the real approval engine: state persistence, the approval
 * flow, final states, and two snapshots (as two processes would hold, each on its own LISTEN
 * connection) following changes.
 */
describe('subscriptions on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let buses: PgChangeBus[];
  let authz: AuthorizationService;
  let approvals: ApprovalService;
  let service: SubscriptionsService;
  let snapshots: SubscriptionSnapshot[];
  let clock: number | undefined;
  let products: ApiProductView[];
  let workspaceId: string;
  let summarize: ApiProductView;
  let developer: RequestContext;
  let approver: RequestContext;
  let appId: string;

  const member = async (role: string): Promise<RequestContext> => {
    const [{ id }] = await dataSource.query(`INSERT INTO users (email, display_name) VALUES ($1, 'member') RETURNING id`, [`${role}-${randomBytes(4).toString('hex')}@example.com`]);
    await dataSource.transaction((manager) => new PolicyRepository().setRole(manager, `user:${id}`, workspaceId, role));
    await authz.reload();
    return { requestId: `req-${randomBytes(4).toString('hex')}`, ip: '127.0.0.1', principal: { kind: 'user', id, subject: `user:${id}`, isSuperadmin: false, via: 'access_token' } };
  };
  const keyOf = (ownerType: 'user' | 'service_account', ownerId: string, workspace = workspaceId): ApiKeyRecord => ({
    id: randomUUID(),
    workspaceId: workspace,
    publicId: 'pk',
    name: 'k',
    ownerType,
    ownerId,
    scopes: ['invoke:*'],
    expiresAt: null,
  });
  const states = (key: ApiKeyRecord, apiProductId = summarize.id) => snapshots.map((snapshot) => snapshot.statusFor(key, apiProductId).state);
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));
  const audit = async (id: string): Promise<string[]> =>
    (await dataSource.query(`SELECT action FROM audit_entries WHERE resource_type = 'subscription' AND resource_id = $1 ORDER BY seq`, [id])).map((row: { action: string }) => row.action);

  beforeAll(async () => {
    database = await createTestDatabase();
    const migrator = await connectDataSource({ url: database.url, poolSize: 1 });
    await runPendingMigrations(migrator);
    await migrator.destroy();
    dataSource = await connectDataSource({ url: database.url, poolSize: 6 });
    buses = [new PgChangeBus(database.url, silent), new PgChangeBus(database.url, silent)];
    for (const bus of buses) await bus.start();
    authz = new AuthorizationService(dataSource, buses[0]!, silent);
    await authz.start();
    approvals = new ApprovalService(new ApprovalsRepository(dataSource), new ApprovalKindRegistry(), authz, new AuditTrail(), new WebhookOutbox(new WebhookEndpointsRepository(dataSource), new WebhookDeliveriesRepository(dataSource)));
    const repository = new SubscriptionsRepository(dataSource);
    new SubscriptionKind(repository, new AuditTrail(), approvals).onModuleInit();
    products = [];
    service = new SubscriptionsService(repository, new AuditTrail(), approvals, catalogOf(products), new PlanConsumption(new MemoryCounterStore()));
    snapshots = buses.map((bus) => new SubscriptionSnapshot(repository, bus, silent, () => clock ?? Date.now()));
    for (const snapshot of snapshots) await snapshot.start();
  });
  afterAll(async () => {
    for (const snapshot of snapshots ?? []) snapshot.stop();
    authz?.stop();
    for (const bus of buses ?? []) await bus.stop();
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    clock = undefined;
    [{ id: workspaceId }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, 'W') RETURNING id`, [`w-${randomBytes(4).toString('hex')}`]);
    summarize = await product(dataSource, workspaceId, 'summarize', 'published');
    products.push(summarize, await product(dataSource, workspaceId, 'old-api', 'retired'));
    developer = await member('developer');
    approver = await member('approver');
    [{ id: appId }] = await dataSource.query(`INSERT INTO service_accounts (workspace_id, name, role) VALUES ($1, $2, 'developer') RETURNING id`, [workspaceId, `app-${randomBytes(3).toString('hex')}`]);
  });

  it('a request waits for a second person; approval activates it on every snapshot; revocation ends it everywhere', async () => {
    const requested = await service.request(developer, workspaceId, { apiProduct: 'summarize', plan: { name: 'starter', requestsPerMinute: 60, monthlyBudgetUsd: 12.5 }, reason: 'for the help desk' });
    expect(requested).toMatchObject({ state: 'pending', subscriber: { type: 'user', id: developer.principal.id }, apiProduct: { id: summarize.id, slug: 'summarize' }, approvalRequestId: expect.any(String) });
    const key = keyOf('user', developer.principal.id);
    await until(() => states(key).every((state) => state === 'pending'), 1000);

    expect(await codeOf(approvals.approve(developer, workspaceId, requested.approvalRequestId!, null))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'summarize' }))).toBe(ErrorCode.SUBSCRIPTION_EXISTS);

    await approvals.approve(approver, workspaceId, requested.approvalRequestId!, 'ok');
    const active = await service.get(developer, workspaceId, requested.id);
    expect(active).toMatchObject({ state: 'active', activatedAt: expect.any(String), plan: { name: 'starter', requestsPerMinute: 60, monthlyBudgetUsd: 12.5 } });
    await until(() => states(key).every((state) => state === 'active'), 1000);
    expect(snapshots[1]!.statusFor(key, summarize.id)).toEqual({ state: 'active', subscriptionId: requested.id, plan: { name: 'starter', requestsPerMinute: 60, monthlyBudgetUsd: 12.5 } });
    expect(states(keyOf('user', developer.principal.id, randomUUID()))).toEqual(['none', 'none']);
    expect(states(keyOf('user', approver.principal.id))).toEqual(['none', 'none']);
    expect(states(key, randomUUID())).toEqual(['none', 'none']);

    const started = performance.now();
    const revoked = await service.revoke(approver, workspaceId, requested.id, { reason: 'contract ended' });
    expect(revoked).toMatchObject({ state: 'revoked', revokedBy: approver.principal.subject, revokeReason: 'contract ended' });
    await until(() => states(key).every((state) => state === 'none'), 1000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await codeOf(service.revoke(approver, workspaceId, requested.id, {}))).toBe(ErrorCode.SUBSCRIPTION_NOT_REVOCABLE);
    expect(await audit(requested.id)).toEqual(['subscription.request', 'subscription.activate', 'subscription.revoke']);

    const again = await service.request(developer, workspaceId, { apiProduct: 'summarize' });
    expect(again).toMatchObject({ state: 'pending' });
    expect(again.id).not.toBe(requested.id);
  });

  it('activates at once when the policy is off, for an app named by a member; rejection closes a request', async () => {
    await dataSource.query(`INSERT INTO approval_policies (workspace_id, kind, enabled, updated_by) VALUES ($1, 'subscription', false, 'test')`, [workspaceId]);
    const granted = await service.request(developer, workspaceId, { apiProduct: 'summarize', subscriber: { type: 'service_account', id: appId } });
    expect(granted).toMatchObject({ state: 'active', approvalRequestId: null, subscriber: { type: 'service_account', id: appId }, requestedBy: developer.principal.subject });
    await until(() => states(keyOf('service_account', appId)).every((state) => state === 'active'), 1000);
    expect(await audit(granted.id)).toEqual(['subscription.activate', 'subscription.request']);

    await dataSource.query(`UPDATE approval_policies SET enabled = true WHERE workspace_id = $1`, [workspaceId]);
    const asked = await service.request(developer, workspaceId, { apiProduct: 'summarize' });
    await approvals.reject(approver, workspaceId, asked.approvalRequestId!, 'not now');
    expect(await service.get(developer, workspaceId, asked.id)).toMatchObject({ state: 'rejected' });
    await until(() => states(keyOf('user', developer.principal.id)).every((state) => state === 'none'), 1000);

    const mine = await service.list(developer, workspaceId, { mine: 'true' });
    expect(mine.map((row) => row.id).sort()).toEqual([granted.id, asked.id].sort());
    expect((await service.list(approver, workspaceId, { mine: 'true' })).map((row) => row.id)).toEqual([]);
    expect((await service.list(approver, workspaceId, { state: 'active' })).map((row) => row.id)).toEqual([granted.id]);
  });

  it('refuses what cannot be subscribed: unknown or unpublished products, past expiry, other users, unknown apps', async () => {
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'nope' }))).toBe(ErrorCode.NOT_FOUND);
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'old-api' }))).toBe(ErrorCode.VALIDATION_FAILED);
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'summarize', expiresAt: new Date(Date.now() - 1000).toISOString() }))).toBe(ErrorCode.VALIDATION_FAILED);
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'summarize', subscriber: { type: 'user', id: approver.principal.id } }))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.request(developer, workspaceId, { apiProduct: 'summarize', subscriber: { type: 'service_account', id: randomUUID() } }))).toBe(ErrorCode.VALIDATION_FAILED);
    const [{ id: otherWorkspace }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ($1, 'W') RETURNING id`, [`w-${randomBytes(4).toString('hex')}`]);
    expect(await codeOf(service.request(developer, otherWorkspace, { apiProduct: 'summarize' }))).toBe(ErrorCode.NOT_FOUND);
    expect(await dataSource.query(`SELECT id FROM subscriptions WHERE workspace_id = $1`, [workspaceId])).toEqual([]);
  });

  it('expiry is read at call time, without a reload; an expired one no longer blocks a new request', async () => {
    await dataSource.query(`INSERT INTO approval_policies (workspace_id, kind, enabled, updated_by) VALUES ($1, 'subscription', false, 'test')`, [workspaceId]);
    const expiresAt = new Date(Date.now() + 60_000);
    const granted = await service.request(developer, workspaceId, { apiProduct: 'summarize', expiresAt: expiresAt.toISOString() });
    const key = keyOf('user', developer.principal.id);
    await until(() => states(key).every((state) => state === 'active'), 1000);
    clock = expiresAt.getTime();
    expect(states(key)).toEqual(['none', 'none']);
    clock = undefined;
    await dataSource.query(`UPDATE subscriptions SET expires_at = now() - interval '1 second' WHERE id = $1`, [granted.id]);
    expect(await service.get(developer, workspaceId, granted.id)).toMatchObject({ state: 'expired' });
    expect((await service.list(developer, workspaceId, { state: 'expired' })).map((row) => row.id)).toEqual([granted.id]);
    const renewed = await service.request(developer, workspaceId, { apiProduct: 'summarize' });
    expect(renewed.state).toBe('active');
    expect(await audit(granted.id)).toEqual(['subscription.activate', 'subscription.request', 'subscription.expire']);
  });

  it('the table keeps final states final, one open subscription per product and subscriber, and goes with its product', async () => {
    await dataSource.query(`INSERT INTO approval_policies (workspace_id, kind, enabled, updated_by) VALUES ($1, 'subscription', false, 'test')`, [workspaceId]);
    const granted = await service.request(developer, workspaceId, { apiProduct: 'summarize' });
    await expect(
      dataSource.query(`INSERT INTO subscriptions (workspace_id, subscriber_workspace_id, api_product_id, api_product_slug, subscriber_type, subscriber_id, requested_by) VALUES ($1, $1, $2, 'summarize', 'user', $3, 'x')`, [
        workspaceId,
        summarize.id,
        developer.principal.id,
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    await service.revoke(approver, workspaceId, granted.id, {});
    await expect(dataSource.query(`UPDATE subscriptions SET state = 'active', revoked_at = NULL WHERE id = $1`, [granted.id])).rejects.toMatchObject({ code: '23514' });
    await dataSource.query(`DELETE FROM api_products WHERE id = $1`, [summarize.id]);
    expect(await dataSource.query(`SELECT id FROM subscriptions WHERE api_product_id = $1`, [summarize.id])).toEqual([]);
  });
});
