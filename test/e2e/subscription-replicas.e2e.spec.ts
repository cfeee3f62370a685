import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../../src/auth/api-keys/api-key-registry';
import { SUBSCRIPTION_CHECK, type SubscriptionCheck } from '../../src/portal/subscription-check.contract';
import { createMember, createServiceAccountKey, type TestUser } from '../support/auth-helpers';
import { startReplicas, type ReplicaSet } from '../support/replicas';

const BOOTSTRAP_KEY = 'e2e-subscription-replicas-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
const PROPAGATION_BUDGET_MS = 1000;

const call = (app: NestFastifyApplication, method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function waitFor(check: () => boolean | Promise<boolean>, budgetMs: number): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > budgetMs) throw new Error(`condition not met within ${budgetMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Two full Portico processes on one database: a subscription decided on A reaches B's check within a second. */
describe('subscription changes reach every replica within 1 s', () => {
  let set: ReplicaSet;
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  let workspaceId: string;
  let apiProductId: string;
  let approver: TestUser;
  let app: { serviceAccountId: string; keyId: string; key: string; headers: { authorization: string } };
  let checkOnB: SubscriptionCheck;
  const keyRecord = (): ApiKeyRecord => ({ id: app.keyId, workspaceId, publicId: 'p', name: 'k', ownerType: 'service_account', ownerId: app.serviceAccountId, scopes: ['invoke:*'], expiresAt: null });
  const stateOnB = () => checkOnB.statusFor(keyRecord(), apiProductId).state;
  const ws = () => `/admin/workspaces/${workspaceId}`;
  const callApiOnB = () => call(b, 'POST', '/apis/echo', app.headers, { text: 'hello' });

  beforeAll(async () => {
    set = await startReplicas(2, { PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    [a, b] = set.replicas.map((replica) => replica.app);
    workspaceId = (await a.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`))[0].workspace_id;
    expect((await call(a, 'PUT', `${ws()}/approval-policies/api_publication`, admin, { enabled: false })).statusCode).toBe(200);
    const prompt = await call(a, 'POST', `${ws()}/prompts`, admin, {
      slug: 'echo-prompt',
      name: 'Echo',
      version: { messages: [{ role: 'user', content: 'Say {{text}}' }], model: 'mock/mock-chat', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
    });
    expect(prompt.statusCode, prompt.body).toBe(201);
    const product = await call(a, 'POST', `${ws()}/prompt-apis`, admin, { slug: 'echo', title: 'Echo', visibility: 'public' });
    expect(product.statusCode, product.body).toBe(201);
    apiProductId = product.json().id;
    expect((await call(a, 'POST', `${ws()}/prompt-apis/echo/versions`, admin, { prompt: 'echo-prompt', promptVersion: 1 })).statusCode).toBe(201);
    expect((await call(a, 'POST', `${ws()}/prompt-apis/echo/versions/1/submit`, admin, {})).statusCode).toBeLessThan(300);
    approver = await createMember(a, workspaceId, 'approver');
    app = await createServiceAccountKey(a, workspaceId, 'developer');
    checkOnB = b.get<SubscriptionCheck>(SUBSCRIPTION_CHECK);
  });
  afterAll(async () => {
    await set?.close();
  });

  it('an approval on A activates the subscription on B, and a revocation on A stops it on B within a second', async () => {
    const requested = await call(a, 'POST', `${ws()}/subscriptions`, app.headers, { apiProduct: 'echo' });
    expect(requested.statusCode, requested.body).toBe(201);
    const { id, approvalRequestId } = requested.json() as { id: string; approvalRequestId: string };
    await waitFor(() => stateOnB() === 'pending', PROPAGATION_BUDGET_MS);
    const pending = await callApiOnB();
    expect(pending.statusCode).toBe(403);
    expect(pending.json().error.code).toBe('subscription_pending');

    const approvedAt = performance.now();
    expect((await call(a, 'POST', `${ws()}/approvals/${approvalRequestId}/approve`, approver.headers, {})).statusCode).toBe(200);
    await waitFor(() => stateOnB() === 'active', PROPAGATION_BUDGET_MS);
    console.log(`[replicas] approval on A active on B after ${(performance.now() - approvedAt).toFixed(1)} ms (approve request included)`);
    const answered = await callApiOnB();
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().output).toEqual(expect.any(String));

    const started = performance.now();
    const revoked = await call(a, 'POST', `${ws()}/subscriptions/${id}/revoke`, approver.headers, { reason: 'replica test' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    await waitFor(() => stateOnB() === 'none', 3000);
    const elapsed = performance.now() - started;
    console.log(`[replicas] revocation on A refused on B after ${elapsed.toFixed(1)} ms (revoke request included)`);
    expect(elapsed).toBeLessThan(PROPAGATION_BUDGET_MS);
    const refused = await callApiOnB();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('subscription_required');
  });
});
