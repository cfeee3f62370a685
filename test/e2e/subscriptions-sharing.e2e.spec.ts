import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { SubscriptionSnapshot } from '../../src/portal/subscriptions/subscription-snapshot';
import { PlanSpendLedger } from '../../src/portal/subscriptions/plan-spend-ledger';
import { ApiProductSnapshot } from '../../src/prompt-apis/runtime/api-product-snapshot';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { PriceBook } from '../../src/usage/prices/price-book';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-subscription-sharing-bootstrap-key-0123';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Caller = { serviceAccountId: string; keyId: string; key: string; headers: { authorization: string } };

const prompt = (slug: string) => ({
  slug,
  name: slug,
  version: {
    messages: [{ role: 'user', content: 'Summarise: {{text}}' }],
    model: 'mock/mock-chat',
    parameters: { max_tokens: 8 },
    inputSchema: { type: 'object', properties: { text: { type: 'string', minLength: 1 } }, required: ['text'], additionalProperties: false },
  },
});

/**
 * Subscription plans enforced on `/apis/...` (requests per minute, monthly budget), public APIs
 * subscribed to and called from another workspace (filed and approved in the API's workspace, paid
 * and logged by the caller's), and what the portal shows anonymous and signed-in visitors.
 */
describe('subscription plans, cross-workspace subscriptions and portal visibility', () => {
  let subject: TestApp;
  let app: NestFastifyApplication;
  let owner: string;
  let approver: TestUser;
  const records: CallRecord[] = [];

  const call = async (method: Method, url: string, payload?: unknown, headers: Record<string, string> = admin) => {
    const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) await reloadAll();
    return response;
  };
  const expectStatus = async (response: ReturnType<typeof call>, status: number) => {
    const answer = await response;
    expect(answer.statusCode, answer.body).toBe(status);
    return answer.json();
  };
  const reloadAll = async () => {
    await app.get(PromptSnapshot, { strict: false }).reloadAll();
    await app.get(ApiProductSnapshot).reloadAll();
    await app.get(SubscriptionSnapshot, { strict: false }).reloadAll();
    await app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    await app.get(PriceBook, { strict: false }).reloadAll();
  };
  const invoke = (slug: string, key: Caller, text = 'a long text') => app.inject({ method: 'POST', url: `/apis/${slug}`, headers: key.headers, payload: { text } });
  /** A published API over a prompt of its own, in `workspaceId` (publication policy off). */
  const publish = async (workspaceId: string, slug: string, visibility: 'public' | 'workspace', headers: Record<string, string> = admin) => {
    const ws = `/admin/workspaces/${workspaceId}`;
    await expectStatus(call('PUT', `${ws}/approval-policies/api_publication`, { enabled: false }, headers), 200);
    await expectStatus(call('POST', `${ws}/prompts`, prompt(`${slug}-prompt`), headers), 201);
    const product = await expectStatus(call('POST', `${ws}/prompt-apis`, { slug, title: `API ${slug}`, visibility }, headers), 201);
    await expectStatus(call('POST', `${ws}/prompt-apis/${slug}/versions`, { prompt: `${slug}-prompt`, promptVersion: 1, output: 'text' }, headers), 201);
    await expectStatus(call('POST', `${ws}/prompt-apis/${slug}/versions/1/submit`, {}, headers), 200);
    return product.id as string;
  };
  /** `caller`'s app subscribes from `workspaceId`; approved by the API workspace's approver when a request was filed. */
  const subscribe = async (workspaceId: string, caller: Caller, apiProduct: string, plan?: Record<string, unknown>) => {
    const requested = await expectStatus(call('POST', `/admin/workspaces/${workspaceId}/subscriptions`, { apiProduct, subscriber: { type: 'service_account', id: caller.serviceAccountId }, ...(plan ? { plan } : {}) }), 201);
    if (requested.state === 'pending') await expectStatus(call('POST', `/admin/workspaces/${requested.workspaceId}/approvals/${requested.approvalRequestId}/approve`, {}, approver.headers), 200);
    return requested as { id: string; workspaceId: string; subscriberWorkspaceId: string; approvalRequestId: string | null };
  };

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    app = subject.app;
    owner = (await app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`))[0].workspace_id;
    app.get(CallRecords).subscribe((record) => records.push(record));
    approver = await createMember(app, owner, 'approver');
    // One mock call costs exactly $0.001 in the API's workspace.
    await expectStatus(call('POST', `/admin/workspaces/${owner}/prices`, { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0, outputPerMTok: 0, perRequest: 0.001 }), 201);
    await publish(owner, 'digest', 'public');
  });
  afterAll(async () => {
    await subject?.close();
  });

  describe('plans', () => {
    it('requests per minute: the plan admits exactly its number, then 429 with retry-after and x-ratelimit headers; the admin view shows the count', async () => {
      const caller = await createServiceAccountKey(app, owner, 'viewer', ['invoke:*']);
      const subscription = await subscribe(owner, caller, 'digest', { name: 'trial', requestsPerMinute: 3 });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await invoke('digest', caller));
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
      expect(answers.slice(0, 3).map((answer) => answer.headers['x-ratelimit-remaining-requests'])).toEqual(['2', '1', '0']);
      expect(answers[0]!.headers['x-ratelimit-limit-requests']).toBe('3');
      const refused = answers[3]!;
      expect(refused.json().error).toMatchObject({ code: 'rate_limit_exceeded', type: 'rate_limit_error' });
      expect(refused.json().error.message).toContain("Plan 'trial'");
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['x-ratelimit-remaining-requests']).toBe('0');
      const view = await expectStatus(call('GET', `/admin/workspaces/${owner}/subscriptions/${subscription.id}`), 200);
      expect(view.consumption).toMatchObject({ requestsLastMinute: 3, reservedUsd: 0, remainingUsd: null });
      // Another app's subscription to the same API has its own window.
      const other = await createServiceAccountKey(app, owner, 'viewer', ['invoke:*']);
      await subscribe(owner, other, 'digest', { name: 'trial', requestsPerMinute: 3 });
      expect((await invoke('digest', other)).statusCode).toBe(200);
    });

    it('monthly budget: reserved before the call and settled after, so exactly what it pays for passes, then 429 budget_exceeded; spend reaches the database', async () => {
      const caller = await createServiceAccountKey(app, owner, 'viewer', ['invoke:*']);
      const subscription = await subscribe(owner, caller, 'digest', { name: 'metered', monthlyBudgetUsd: 0.004 });
      const answers = await Promise.all(Array.from({ length: 12 }, () => invoke('digest', caller)));
      expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(4);
      const refused = answers.filter((answer) => answer.statusCode === 429);
      expect(refused).toHaveLength(8);
      expect(refused.every((answer) => answer.json().error.code === 'budget_exceeded' && answer.headers['x-should-retry'] === 'false')).toBe(true);
      expect(refused[0]!.json().error.message).toContain("plan 'metered'");
      const view = await expectStatus(call('GET', `/admin/workspaces/${owner}/subscriptions/${subscription.id}`), 200);
      expect(view.consumption).toMatchObject({ spentUsd: 0.004, reservedUsd: 0, remainingUsd: 0, period: new Date().toISOString().slice(0, 7) });
      await app.get(PlanSpendLedger).flush();
      const spend = await app.get(DataSource).query(`SELECT period, spent_nano_usd FROM subscription_spend WHERE subscription_id = $1`, [subscription.id]);
      expect(spend).toEqual([{ period: new Date().toISOString().slice(0, 7), spent_nano_usd: '4000000' }]);
      const mine = records.filter((record) => record.apiKeyId === caller.keyId);
      expect(mine.filter((record) => record.errorClass === 'budget_exceeded')).toHaveLength(8);
    });
  });

  describe('a public API called from another workspace', () => {
    let guest: { id: string };
    let guestOwner: TestUser;
    let guestApp: Caller;

    beforeAll(async () => {
      guest = await createWorkspace(app);
      guestOwner = await createMember(app, guest.id, 'owner');
      guestApp = await createServiceAccountKey(app, guest.id, 'developer', ['invoke:*']);
      await publish(owner, 'internal-notes', 'workspace');
    });

    it("is filed in the API's workspace, decided by its approvers, seen by both; the guest's key then calls it", async () => {
      expect((await invoke('digest', guestApp)).json().error.code).toBe('subscription_required');
      const requested = await expectStatus(call('POST', `/admin/workspaces/${guest.id}/subscriptions`, { apiProduct: 'digest', subscriber: { type: 'service_account', id: guestApp.serviceAccountId } }, guestOwner.headers), 201);
      expect(requested).toMatchObject({ state: 'pending', workspaceId: owner, subscriberWorkspaceId: guest.id, apiProduct: { slug: 'digest' } });
      expect((await invoke('digest', guestApp)).json().error.code).toBe('subscription_pending');
      // The guest workspace's owner is no approver of the API's workspace.
      expect((await call('POST', `/admin/workspaces/${owner}/approvals/${requested.approvalRequestId}/approve`, {}, guestOwner.headers)).statusCode).toBe(404);
      expect((await call('GET', `/admin/workspaces/${guest.id}/approvals/${requested.approvalRequestId}`, undefined, guestOwner.headers)).statusCode).toBe(404);
      await expectStatus(call('POST', `/admin/workspaces/${owner}/approvals/${requested.approvalRequestId}/approve`, {}, approver.headers), 200);
      const fromGuest = await expectStatus(call('GET', `/admin/workspaces/${guest.id}/subscriptions?apiProduct=digest`, undefined, guestOwner.headers), 200);
      expect(fromGuest.map((row: { id: string; state: string }) => [row.id, row.state])).toEqual([[requested.id, 'active']]);
      const fromOwner = await expectStatus(call('GET', `/admin/workspaces/${owner}/subscriptions/${requested.id}`), 200);
      expect(fromOwner.state).toBe('active');

      const answer = await invoke('digest', guestApp);
      expect(answer.statusCode, answer.body).toBe(200);
      const record = records.find((candidate) => candidate.requestId === answer.json().requestId)!;
      expect(record).toMatchObject({ workspaceId: guest.id, apiKeyId: guestApp.keyId, endpoint: 'prompt_api', status: 200, costNanoUsd: 1_000_000 });
      expect(record.promptApiId).toBe((await expectStatus(call('GET', `/admin/workspaces/${owner}/prompt-apis/digest`), 200)).id);

      const audit = await app.get(DataSource).query(`SELECT workspace_id, action FROM audit_entries WHERE resource_type = 'subscription' AND resource_id = $1 ORDER BY seq`, [requested.id]);
      expect(audit.map((row: { workspace_id: string; action: string }) => `${row.workspace_id === owner ? 'owner' : 'guest'}:${row.action}`).sort()).toEqual(
        ['owner:subscription.request', 'guest:subscription.request', 'owner:subscription.activate', 'guest:subscription.activate'].sort(),
      );
    });

    it("is paid by the caller's workspace: the guest's budget refuses at its exact amount", async () => {
      const budget = await expectStatus(call('POST', `/admin/workspaces/${guest.id}/budgets`, { scope: 'service_account', scopeId: guestApp.serviceAccountId, period: 'month', limitUsd: 0.002 }, guestOwner.headers), 201);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await invoke('digest', guestApp)).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      const view = await expectStatus(call('GET', `/admin/workspaces/${guest.id}/budgets/${budget.id}`, undefined, guestOwner.headers), 200);
      expect(view.consumption).toMatchObject({ spentUsd: 0.002 });
      await call('DELETE', `/admin/workspaces/${guest.id}/budgets/${budget.id}`, undefined, guestOwner.headers);
    });

    it("keeps the API workspace's private APIs out of reach: not subscribable, not callable, not in the portal", async () => {
      expect((await call('POST', `/admin/workspaces/${guest.id}/subscriptions`, { apiProduct: 'internal-notes' }, guestOwner.headers)).statusCode).toBe(404);
      const answer = await invoke('internal-notes', guestApp);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe('api_not_found');
      expect((await call('GET', `/admin/workspaces/${owner}/subscriptions`, undefined, guestOwner.headers)).statusCode).toBe(404);
      const portal = await app.inject({ method: 'GET', url: '/portal', headers: guestOwner.headers });
      expect(portal.body).toContain('/portal/apis/digest');
      expect(portal.body).not.toContain('internal-notes');
      expect((await app.inject({ method: 'GET', url: '/portal/apis/internal-notes', headers: guestOwner.headers })).statusCode).toBe(404);
    });

    it('lets the guest workspace revoke its own subscription; the key stops at once', async () => {
      const [held] = await expectStatus(call('GET', `/admin/workspaces/${guest.id}/subscriptions?state=active`, undefined, guestOwner.headers), 200);
      await expectStatus(call('POST', `/admin/workspaces/${guest.id}/subscriptions/${held.id}/revoke`, { reason: 'done' }, guestOwner.headers), 200);
      expect((await invoke('digest', guestApp)).json().error.code).toBe('subscription_required');
    });

    it('refuses a second public API with a slug another workspace made public (409), so /apis/<slug> names one product', async () => {
      await expectStatus(call('POST', `/admin/workspaces/${guest.id}/prompts`, prompt('clash-prompt'), guestOwner.headers), 201);
      const clash = await call('POST', `/admin/workspaces/${guest.id}/prompt-apis`, { slug: 'digest', title: 'Mine', visibility: 'public' }, guestOwner.headers);
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.code).toBe('PORTICO_ERR_API_PRODUCT_SLUG_TAKEN');
      await expectStatus(call('POST', `/admin/workspaces/${guest.id}/prompt-apis`, { slug: 'digest', title: 'Mine', visibility: 'workspace' }, guestOwner.headers), 201);
      const turnedPublic = await call('PATCH', `/admin/workspaces/${guest.id}/prompt-apis/digest`, { visibility: 'public' }, guestOwner.headers);
      expect(turnedPublic.statusCode).toBe(409);
      expect(turnedPublic.json().error.code).toBe('PORTICO_ERR_API_PRODUCT_SLUG_TAKEN');
    });
  });

  describe('portal visibility', () => {
    it("anonymous visitors see public APIs only; a signed-in member also sees their workspace's, with private caching", async () => {
      const anonymous = await app.inject({ method: 'GET', url: '/portal' });
      expect(anonymous.body).toContain('/portal/apis/digest');
      expect(anonymous.body).not.toContain('internal-notes');
      expect((await app.inject({ method: 'GET', url: '/portal/apis/internal-notes' })).statusCode).toBe(404);
      expect(Object.keys((await app.inject({ method: 'GET', url: '/portal/openapi.json' })).json().paths)).not.toContain('/apis/internal-notes');
      expect(anonymous.headers['cache-control']).toBeUndefined();

      const member = await createMember(app, owner, 'viewer');
      const signedIn = await app.inject({ method: 'GET', url: '/portal', headers: member.headers });
      expect(signedIn.body).toContain('/portal/apis/internal-notes');
      expect(signedIn.body).toContain('/portal/apis/digest');
      expect(signedIn.headers['cache-control']).toBe('private, no-store');
      expect((await app.inject({ method: 'GET', url: '/portal/apis/internal-notes', headers: member.headers })).statusCode).toBe(200);
      expect(Object.keys((await app.inject({ method: 'GET', url: '/portal/openapi.json', headers: member.headers })).json().paths)).toContain('/apis/internal-notes');
      expect((await app.inject({ method: 'GET', url: '/portal/apis/internal-notes/openapi.json', headers: { 'x-api-key': BOOTSTRAP_KEY } })).statusCode).toBe(200);

      const stale = await app.inject({ method: 'GET', url: '/portal', headers: { authorization: 'Bearer not-a-valid-credential' } });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).not.toContain('internal-notes');
    });
  });
});
