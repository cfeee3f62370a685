import { randomBytes } from 'node:crypto';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petstoreDocument } from '../../src/rest-apis/__fixtures__/petstore';
import type { TestUser } from '../support/auth-helpers';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';
import { firstRunAdmin, settle } from './workspaces.support';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What the scenarios learn as they go (ids of what they created), so later ones can change or delete it. */
type State = Record<string, string>;

interface Scenario {
  /** `<METHOD> <path>` exactly as the route list names it. */
  route: string;
  /** The request: its URL and body, from the state so far. */
  request: (state: State) => { url: string; body?: unknown };
  /** The entry it must leave, and in which chain (`instance`, or the workspace the scenarios work in). */
  action: string;
  chain: 'instance' | 'workspace';
  /** Keeps ids of what the answer created. */
  keep?: (body: any, state: State) => void;
  /** Creates what the request needs beyond earlier scenarios (with the same superadmin). */
  setup?: (state: State, post: (url: string, body: unknown, method?: Method) => Promise<any>) => Promise<void>;
}

/**
 * Mutating `/admin` routes that leave no audit entry, each with the reason: only those that change
 * nothing (previews and model calls). Every admin change is audited. (Outside `/admin`, the session routes — `/auth/login`, `/auth/refresh`,
 * `/auth/logout` — are sessions, not changes; `/auth/password` and the roles an SSO callback grants are
 * audited, see audit-log-identity.e2e.spec.ts.)
 */
const EXEMPT: Record<string, string> = {
  'POST /admin/workspaces/:workspaceId/prompts/:slug/render': 'a preview: renders, changes nothing',
  'POST /admin/workspaces/:workspaceId/prompts/:slug/try': 'a model call, logged in the call logs like any /v1 call; changes no configuration',
};

const ws = (rest = '') => (state: State) => `/admin/workspaces/${state.workspaceId}${rest}`;

/** One call of every mutating admin route, in an order where each finds what it needs. */
const SCENARIOS: Scenario[] = [
  {
    route: 'POST /admin/workspaces',
    request: () => ({ url: '/admin/workspaces', body: { slug: `audited-${randomBytes(3).toString('hex')}`, name: 'Audited' } }),
    action: 'workspace.create',
    chain: 'instance',
    keep: (body, state) => (state.workspaceId = body.id),
  },
  { route: 'PATCH /admin/workspaces/:workspaceId', request: (s) => ({ url: ws()(s), body: { name: 'Audited, renamed' } }), action: 'workspace.update', chain: 'workspace' },
  {
    route: 'POST /admin/users',
    request: () => ({ url: '/admin/users', body: { email: `member-${randomBytes(3).toString('hex')}@example.com`, displayName: 'Member' } }),
    action: 'user.create',
    chain: 'instance',
    keep: (body, state) => Object.assign(state, { userId: body.id, userEmail: body.email }),
  },
  { route: 'PATCH /admin/users/:userId', request: (s) => ({ url: `/admin/users/${s.userId}`, body: { displayName: 'Member, renamed' } }), action: 'user.update', chain: 'instance' },
  { route: 'POST /admin/workspaces/:workspaceId/members', request: (s) => ({ url: ws('/members')(s), body: { email: s.userEmail, role: 'viewer' } }), action: 'member.add', chain: 'workspace' },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/members/:userId',
    request: (s) => ({ url: ws(`/members/${s.userId}`)(s), body: { role: 'developer' } }),
    action: 'member.change_role',
    chain: 'workspace',
  },
  { route: 'DELETE /admin/workspaces/:workspaceId/members/:userId', request: (s) => ({ url: ws(`/members/${s.userId}`)(s) }), action: 'member.remove', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/roles',
    request: (s) => ({ url: ws('/roles')(s), body: { name: 'route-readers', permissions: ['routes:read'] } }),
    action: 'role.create',
    chain: 'workspace',
    keep: (body, state) => (state.roleId = body.id),
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/roles/:roleId', request: (s) => ({ url: ws(`/roles/${s.roleId}`)(s), body: { description: 'reads routes' } }), action: 'role.update', chain: 'workspace' },
  { route: 'DELETE /admin/workspaces/:workspaceId/roles/:roleId', request: (s) => ({ url: ws(`/roles/${s.roleId}`)(s) }), action: 'role.delete', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/service-accounts',
    request: (s) => ({ url: ws('/service-accounts')(s), body: { name: 'ci-deployer', role: 'viewer' } }),
    action: 'service_account.create',
    chain: 'workspace',
    keep: (body, state) => (state.serviceAccountId = body.id),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/service-accounts/:accountId',
    request: (s) => ({ url: ws(`/service-accounts/${s.serviceAccountId}`)(s), body: { description: 'deploys' } }),
    action: 'service_account.update',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/service-accounts/:accountId/disable',
    request: (s) => ({ url: ws(`/service-accounts/${s.serviceAccountId}/disable`)(s) }),
    action: 'service_account.disable',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/service-accounts/:accountId/enable',
    request: (s) => ({ url: ws(`/service-accounts/${s.serviceAccountId}/enable`)(s) }),
    action: 'service_account.enable',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/api-keys',
    request: (s) => ({ url: ws('/api-keys')(s), body: { name: 'deploy key', owner: { type: 'service_account', id: s.serviceAccountId }, scopes: ['invoke:*'] } }),
    action: 'api_key.create',
    chain: 'workspace',
    keep: (body, state) => (state.keyId = body.id),
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/api-keys/:keyId', request: (s) => ({ url: ws(`/api-keys/${s.keyId}`)(s), body: { name: 'deploy key 2' } }), action: 'api_key.update', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/api-keys/:keyId/rotate',
    request: (s) => ({ url: ws(`/api-keys/${s.keyId}/rotate`)(s), body: {} }),
    action: 'api_key.rotate',
    chain: 'workspace',
    keep: (body, state) => (state.keyId = body.id),
  },
  { route: 'POST /admin/workspaces/:workspaceId/api-keys/:keyId/revoke', request: (s) => ({ url: ws(`/api-keys/${s.keyId}/revoke`)(s) }), action: 'api_key.revoke', chain: 'workspace' },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/service-accounts/:accountId',
    request: (s) => ({ url: ws(`/service-accounts/${s.serviceAccountId}`)(s) }),
    action: 'service_account.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/sso-connections',
    request: (s) => ({
      url: ws('/sso-connections')(s),
      body: { name: 'corp-idp', issuerUrl: 'https://idp.example.com', clientId: 'portico', clientSecret: 'idp-client-secret-1', roleMapping: { staff: 'viewer' } },
    }),
    action: 'sso_connection.create',
    chain: 'workspace',
    keep: (body, state) => (state.connectionId = body.id),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/sso-connections/:connectionId',
    request: (s) => ({ url: ws(`/sso-connections/${s.connectionId}`)(s), body: { clientSecret: 'idp-client-secret-2' } }),
    action: 'sso_connection.update',
    chain: 'workspace',
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/sso-connections/:connectionId',
    request: (s) => ({ url: ws(`/sso-connections/${s.connectionId}`)(s) }),
    action: 'sso_connection.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/provider-accounts',
    request: (s) => ({ url: ws('/provider-accounts')(s), body: { name: 'mock-audited', pluginId: 'provider-mock', credential: 'sk-audit-0000000000000001' } }),
    action: 'provider_account.create',
    chain: 'workspace',
    keep: (body, state) => (state.accountId = body.id),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/provider-accounts/:accountId',
    request: (s) => ({ url: ws(`/provider-accounts/${s.accountId}`)(s), body: { credential: 'sk-audit-0000000000000002' } }),
    action: 'provider_account.update',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/provider-accounts/:accountId/credentials',
    request: (s) => ({ url: ws(`/provider-accounts/${s.accountId}/credentials`)(s), body: { credential: 'sk-audit-extra-00000003' } }),
    action: 'provider_credential.add',
    chain: 'workspace',
    keep: (body, state) => (state.credentialId = body.id),
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/provider-accounts/:accountId/credentials/:credentialId',
    request: (s) => ({ url: ws(`/provider-accounts/${s.accountId}/credentials/${s.credentialId}`)(s) }),
    action: 'provider_credential.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/routes',
    request: (s) => ({ url: ws('/routes')(s), body: { alias: 'chat-audited', targets: [{ providerAccountId: s.accountId, model: 'mock-chat' }] } }),
    action: 'route.create',
    chain: 'workspace',
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/routes/:route', request: (s) => ({ url: ws('/routes/chat-audited')(s), body: { description: 'audited' } }), action: 'route.update', chain: 'workspace' },
  { route: 'DELETE /admin/workspaces/:workspaceId/routes/:route', request: (s) => ({ url: ws('/routes/chat-audited')(s) }), action: 'route.delete', chain: 'workspace' },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/provider-accounts/:accountId',
    request: (s) => ({ url: ws(`/provider-accounts/${s.accountId}`)(s) }),
    action: 'provider_account.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/prices',
    request: (s) => ({ url: ws('/prices')(s), body: { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0.5, outputPerMTok: 1.5 } }),
    action: 'price.create',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/prices',
    request: () => ({ url: '/admin/prices', body: { pluginId: 'provider-mock', model: 'mock-embed', inputPerMTok: 0.2, outputPerMTok: 0 } }),
    action: 'price.create',
    chain: 'instance',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/budgets',
    request: (s) => ({ url: ws('/budgets')(s), body: { scope: 'workspace', period: 'month', limitUsd: 100 } }),
    action: 'budget.create',
    chain: 'workspace',
    keep: (body, state) => (state.budgetId = body.id),
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/budgets/:id', request: (s) => ({ url: ws(`/budgets/${s.budgetId}`)(s), body: { limitUsd: 200 } }), action: 'budget.update', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/approvals',
    request: (s) => ({ url: ws('/approvals')(s), body: { kind: 'budget_increase', subject: { budgetId: s.budgetId, limitUsd: 300 } } }),
    action: 'approval.create',
    chain: 'workspace',
    keep: (body, state) => (state.approvalId = body.id),
  },
  { route: 'POST /admin/workspaces/:workspaceId/approvals/:id/cancel', request: (s) => ({ url: ws(`/approvals/${s.approvalId}/cancel`)(s) }), action: 'approval.cancel', chain: 'workspace' },
  {
    route: 'PUT /admin/workspaces/:workspaceId/approval-policies/:kind',
    request: (s) => ({ url: ws('/approval-policies/budget_increase')(s), body: { allowSelfApproval: true } }),
    action: 'approval_policy.update',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/approvals/:id/reject',
    setup: async (s, post) => {
      s.rejectedId = (await post(ws('/approvals')(s), { kind: 'budget_increase', subject: { budgetId: s.budgetId, limitUsd: 400 } })).id;
    },
    request: (s) => ({ url: ws(`/approvals/${s.rejectedId}/reject`)(s), body: { comment: 'not now' } }),
    action: 'approval.reject',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/approvals/:id/approve',
    setup: async (s, post) => {
      s.approvedId = (await post(ws('/approvals')(s), { kind: 'budget_increase', subject: { budgetId: s.budgetId, limitUsd: 500 } })).id;
    },
    request: (s) => ({ url: ws(`/approvals/${s.approvedId}/approve`)(s), body: {} }),
    action: 'approval.approve',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/guard-bindings',
    request: (s) => ({ url: ws('/guard-bindings')(s), body: { pluginId: 'guard-pii-redaction', scope: 'workspace' } }),
    action: 'guard_binding.create',
    chain: 'workspace',
    keep: (body, state) => (state.guardBindingId = body.id),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/guard-bindings/:id',
    request: (s) => ({ url: ws(`/guard-bindings/${s.guardBindingId}`)(s), body: { failMode: 'open' } }),
    action: 'guard_binding.update',
    chain: 'workspace',
  },
  { route: 'DELETE /admin/workspaces/:workspaceId/guard-bindings/:id', request: (s) => ({ url: ws(`/guard-bindings/${s.guardBindingId}`)(s) }), action: 'guard_binding.delete', chain: 'workspace' },
  { route: 'DELETE /admin/workspaces/:workspaceId/budgets/:id', request: (s) => ({ url: ws(`/budgets/${s.budgetId}`)(s) }), action: 'budget.delete', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/rate-limits',
    request: (s) => ({ url: ws('/rate-limits')(s), body: { name: 'per-key', requestsPerMinute: 60 } }),
    action: 'rate_limit.create',
    chain: 'workspace',
    keep: (body, state) => (state.rateLimitId = body.id),
  },
  {
    route: 'PUT /admin/workspaces/:workspaceId/rate-limits/:id',
    request: (s) => ({ url: ws(`/rate-limits/${s.rateLimitId}`)(s), body: { name: 'per-key', requestsPerMinute: 120 } }),
    action: 'rate_limit.update',
    chain: 'workspace',
  },
  { route: 'DELETE /admin/workspaces/:workspaceId/rate-limits/:id', request: (s) => ({ url: ws(`/rate-limits/${s.rateLimitId}`)(s) }), action: 'rate_limit.delete', chain: 'workspace' },
  {
    route: 'PUT /admin/workspaces/:workspaceId/call-log-settings',
    request: (s) => ({ url: ws('/call-log-settings')(s), body: { storeBodies: true } }),
    action: 'call_log_settings.update',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/webhooks',
    request: (s) => ({ url: ws('/webhooks')(s), body: { url: 'http://127.0.0.1:9/audited-hook', eventTypes: ['*'] } }),
    action: 'webhook_endpoint.create',
    chain: 'workspace',
    keep: (body, state) => (state.webhookId = body.id),
  },
  {
    route: 'PATCH /admin/workspaces/:workspaceId/webhooks/:webhookId',
    request: (s) => ({ url: ws(`/webhooks/${s.webhookId}`)(s), body: { description: 'audited' } }),
    action: 'webhook_endpoint.update',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/webhooks/:webhookId/rotate-secret',
    request: (s) => ({ url: ws(`/webhooks/${s.webhookId}/rotate-secret`)(s), body: {} }),
    action: 'webhook_endpoint.rotate_secret',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/webhooks/:webhookId/test',
    request: (s) => ({ url: ws(`/webhooks/${s.webhookId}/test`)(s) }),
    action: 'webhook_endpoint.test',
    chain: 'workspace',
    keep: (body, state) => (state.deliveryId = body.id),
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    request: (s) => ({ url: ws(`/webhooks/${s.webhookId}/deliveries/${s.deliveryId}/redeliver`)(s) }),
    action: 'webhook_delivery.redeliver',
    chain: 'workspace',
  },
  { route: 'DELETE /admin/workspaces/:workspaceId/webhooks/:webhookId', request: (s) => ({ url: ws(`/webhooks/${s.webhookId}`)(s) }), action: 'webhook_endpoint.delete', chain: 'workspace' },
  { route: 'POST /admin/workspaces/:workspaceId/prompts', request: (s) => ({ url: ws('/prompts')(s), body: { slug: 'audited', name: 'Audited', version: { messages: [{ role: 'user', content: 'Hi {{name}}' }], model: 'mock/mock-chat' } } }), action: 'prompt.create', chain: 'workspace' },
  { route: 'PATCH /admin/workspaces/:workspaceId/prompts/:slug', request: (s) => ({ url: ws('/prompts/audited')(s), body: { description: 'audited' } }), action: 'prompt.update', chain: 'workspace' },
  { route: 'POST /admin/workspaces/:workspaceId/prompts/:slug/versions', request: (s) => ({ url: ws('/prompts/audited/versions')(s), body: { messages: [{ role: 'user', content: 'Hello {{name}}' }], model: 'mock/mock-chat', commitMessage: 'friendlier' } }), action: 'prompt_version.create', chain: 'workspace' },
  { route: 'PUT /admin/workspaces/:workspaceId/prompts/:slug/labels/:label', request: (s) => ({ url: ws('/prompts/audited/labels/staging')(s), body: { version: 2 } }), action: 'prompt_label.move', chain: 'workspace' },
  { route: 'DELETE /admin/workspaces/:workspaceId/prompts/:slug', request: (s) => ({ url: ws('/prompts/audited')(s) }), action: 'prompt.delete', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/prompt-apis',
    setup: async (s, post) => void (await post(ws('/prompts')(s), { slug: 'api-backing', name: 'Backing', version: { messages: [{ role: 'user', content: 'Hi {{name}}' }], model: 'mock/mock-chat' } })),
    request: (s) => ({ url: ws('/prompt-apis')(s), body: { slug: 'audited-api', title: 'Audited API' } }),
    action: 'api_product.create',
    chain: 'workspace',
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/prompt-apis/:slug', request: (s) => ({ url: ws('/prompt-apis/audited-api')(s), body: { tags: ['audited'] } }), action: 'api_product.update', chain: 'workspace' },
  { route: 'POST /admin/workspaces/:workspaceId/prompt-apis/:slug/versions', request: (s) => ({ url: ws('/prompt-apis/audited-api/versions')(s), body: { prompt: 'api-backing', promptVersion: 1 } }), action: 'api_version.create', chain: 'workspace' },
  { route: 'PATCH /admin/workspaces/:workspaceId/prompt-apis/:slug/versions/:n', request: (s) => ({ url: ws('/prompt-apis/audited-api/versions/1')(s), body: { output: 'text' } }), action: 'api_version.update', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/prompt-apis/:slug/versions/:n/submit',
    setup: async (s, post) => void (await post(ws('/approval-policies/api_publication')(s), { enabled: false }, 'PUT')),
    request: (s) => ({ url: ws('/prompt-apis/audited-api/versions/1/submit')(s), body: {} }),
    action: 'api_version.submit',
    chain: 'workspace',
  },
  { route: 'POST /admin/workspaces/:workspaceId/prompt-apis/:slug/versions/:n/deprecate', request: (s) => ({ url: ws('/prompt-apis/audited-api/versions/1/deprecate')(s), body: { sunset: '2099-01-01T00:00:00Z' } }), action: 'api_version.deprecate', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/prompt-apis/:slug/versions/:n/retire',
    setup: async (s, post) => {
      await post(ws('/prompt-apis/audited-api/versions')(s), { prompt: 'api-backing', promptVersion: 1 });
      await post(ws('/prompt-apis/audited-api/versions/2/submit')(s), {});
    },
    request: (s) => ({ url: ws('/prompt-apis/audited-api/versions/1/retire')(s), body: { successor: 2 } }),
    action: 'api_version.retire',
    chain: 'workspace',
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/prompt-apis/:slug/versions/:n',
    setup: async (s, post) => void (await post(ws('/prompt-apis/audited-api/versions')(s), { prompt: 'api-backing', promptVersion: 1 })),
    request: (s) => ({ url: ws('/prompt-apis/audited-api/versions/3')(s) }),
    action: 'api_version.delete',
    chain: 'workspace',
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/prompt-apis/:slug',
    setup: async (s, post) => void (await post(ws('/prompt-apis')(s), { slug: 'unused-api', title: 'Unused' })),
    request: (s) => ({ url: ws('/prompt-apis/unused-api')(s) }),
    action: 'api_product.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/rest-apis',
    request: (s) => ({ url: ws('/rest-apis')(s), body: { slug: 'audited-rest', title: 'Audited REST', baseUrl: 'http://127.0.0.1:9/api', openapi: petstoreDocument(), credential: { value: 'sk-audited-upstream-0123456789' } } }),
    action: 'rest_api.create',
    chain: 'workspace',
  },
  { route: 'PATCH /admin/workspaces/:workspaceId/rest-apis/:slug', request: (s) => ({ url: ws('/rest-apis/audited-rest')(s), body: { tags: ['audited'], credential: null } }), action: 'rest_api.update', chain: 'workspace' },
  { route: 'POST /admin/workspaces/:workspaceId/rest-apis/:slug/versions', request: (s) => ({ url: ws('/rest-apis/audited-rest/versions')(s), body: { openapi: petstoreDocument() } }), action: 'rest_api_version.create', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/rest-apis/:slug/versions/:n/submit',
    setup: async (s, post) => void (await post(ws('/approval-policies/rest_api_publication')(s), { enabled: false }, 'PUT')),
    request: (s) => ({ url: ws('/rest-apis/audited-rest/versions/1/submit')(s), body: {} }),
    action: 'rest_api_version.submit',
    chain: 'workspace',
  },
  { route: 'POST /admin/workspaces/:workspaceId/rest-apis/:slug/versions/:n/deprecate', request: (s) => ({ url: ws('/rest-apis/audited-rest/versions/1/deprecate')(s), body: { sunset: '2099-01-01T00:00:00Z' } }), action: 'rest_api_version.deprecate', chain: 'workspace' },
  {
    route: 'POST /admin/workspaces/:workspaceId/rest-apis/:slug/versions/:n/retire',
    setup: async (s, post) => void (await post(ws('/rest-apis/audited-rest/versions/2/submit')(s), {})),
    request: (s) => ({ url: ws('/rest-apis/audited-rest/versions/1/retire')(s), body: { successor: 2 } }),
    action: 'rest_api_version.retire',
    chain: 'workspace',
  },
  {
    route: 'DELETE /admin/workspaces/:workspaceId/rest-apis/:slug',
    setup: async (s, post) => void (await post(ws('/rest-apis')(s), { slug: 'unused-rest', title: 'Unused', baseUrl: 'http://127.0.0.1:9', openapi: petstoreDocument() })),
    request: (s) => ({ url: ws('/rest-apis/unused-rest')(s) }),
    action: 'rest_api.delete',
    chain: 'workspace',
  },
  {
    route: 'POST /admin/workspaces/:workspaceId/subscriptions',
    setup: async (s, post) => {
      await post(ws('/approval-policies/api_publication')(s), { enabled: false }, 'PUT');
      await post(ws('/prompts')(s), { slug: 'subscribed-backing', name: 'Subscribed', version: { messages: [{ role: 'user', content: 'Hi {{name}}' }], model: 'mock/mock-chat' } });
      await post(ws('/prompt-apis')(s), { slug: 'subscribed-api', title: 'Subscribed API', visibility: 'public' });
      await post(ws('/prompt-apis/subscribed-api/versions')(s), { prompt: 'subscribed-backing', promptVersion: 1 });
      await post(ws('/prompt-apis/subscribed-api/versions/1/submit')(s), {});
      // The catalog follows publications through LISTEN/NOTIFY: an app's request succeeds once it knows the API.
      const app = await post(ws('/service-accounts')(s), { name: 'subscriber-app', role: 'viewer' });
      for (let attempt = 0; ; attempt++) {
        const filed = await post(ws('/subscriptions')(s), { apiProduct: 'subscribed-api', subscriber: { type: 'service_account', id: app.id } }).catch((error: Error) => error);
        if (!(filed instanceof Error)) break;
        if (attempt >= 100) throw filed;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    request: (s) => ({ url: ws('/subscriptions')(s), body: { apiProduct: 'subscribed-api', reason: 'audited' } }),
    action: 'subscription.request',
    chain: 'workspace',
    keep: (body, state) => (state.subscriptionId = body.id),
  },
  { route: 'POST /admin/workspaces/:workspaceId/subscriptions/:id/revoke', request: (s) => ({ url: ws(`/subscriptions/${s.subscriptionId}/revoke`)(s), body: { reason: 'audited' } }), action: 'subscription.revoke', chain: 'workspace' },
  { route: 'DELETE /admin/workspaces/:workspaceId', request: (s) => ({ url: ws()(s) }), action: 'workspace.delete', chain: 'instance' },
];

describe('every mutating admin route leaves an audit entry', () => {
  let subject: TestApp;
  let superadmin: TestUser;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, [DiscoveryModule]);
    superadmin = await firstRunAdmin(subject);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('has a scenario or a stated exemption for each mutating /admin route, and none for a route that does not exist', () => {
    const mutating = listRoutes(subject.app.get(DiscoveryService))
      .filter((route) => route.method !== 'GET' && route.path.startsWith('/admin'))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const covered = [...SCENARIOS.map((scenario) => scenario.route), ...Object.keys(EXEMPT)].sort();
    expect(covered).toEqual(mutating);
  });

  it('records each one, in its own chain, with the caller and the request id', async () => {
    const state: State = {};
    // Every scenario runs, so one failure reports all the routes it leaves unproven.
    const problems: string[] = [];
    const post = async (url: string, payload: unknown, method: Method = 'POST') => {
      const response = await subject.app.inject({ method, url, headers: superadmin.headers, payload: payload as object });
      if (response.statusCode >= 300) throw new Error(`setup ${method} ${url} answered ${response.statusCode}: ${response.body}`);
      return response.json();
    };
    for (const scenario of SCENARIOS) {
      await scenario.setup?.(state, post);
      const { url, body } = scenario.request(state);
      const requestId = `coverage-${randomBytes(6).toString('hex')}`;
      const response = await subject.app.inject({
        method: scenario.route.split(' ')[0] as Method,
        url,
        headers: { ...superadmin.headers, 'x-request-id': requestId, 'user-agent': 'audit-coverage/1' },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      await settle(subject.app);
      if (response.statusCode >= 300) {
        problems.push(`${scenario.route} answered ${response.statusCode}: ${response.body}`);
        continue;
      }
      scenario.keep?.(response.json(), state);
      const entries: { action: string; workspace_id: string | null; actor_id: string }[] = await subject.app
        .get(DataSource)
        .query('SELECT action, workspace_id, actor_id FROM audit_entries WHERE request_id = $1', [requestId]);
      const expectedChain = scenario.chain === 'instance' ? null : state.workspaceId;
      const found = entries.some((entry) => entry.action === scenario.action && entry.workspace_id === expectedChain && entry.actor_id === superadmin.id);
      if (!found) problems.push(`${scenario.route} left no ${scenario.action} entry (found ${JSON.stringify(entries)})`);
    }

    // The workspace is gone; its chain stays readable and intact for superadmins.
    const verify = await subject.app.inject({ method: 'GET', url: `/admin/audit/verify?workspaceId=${state.workspaceId}`, headers: superadmin.headers });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    const workspaceEntries = await subject.app.inject({ method: 'GET', url: `/admin/audit?workspaceId=${state.workspaceId}&limit=500`, headers: superadmin.headers });
    expect(workspaceEntries.json().items.length).toBe(verify.json().checked);
    expect(workspaceEntries.json().items.length).toBeGreaterThan(30);
    const instance = await subject.app.inject({ method: 'GET', url: '/admin/audit/verify', headers: superadmin.headers });
    expect(instance.json()).toMatchObject({ ok: true, firstBroken: null });

    expect(problems).toEqual([]);
  });
});
