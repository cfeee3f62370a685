import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { BUILTIN_ROLE_PERMISSIONS } from '../../src/auth/authz/permissions';
import { petstoreDocument } from '../../src/rest-apis/__fixtures__/petstore';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { listRoutes, type RouteInfo } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The cross-tenant matrix, driven by the live route table so that every admin resource type
 * (present and future) is covered: for each workspace-scoped route, a member of workspace A
 * using workspace B's ids gets 404/403 and never B's data; a viewer and an approver can write nothing.
 */
type Ids = Record<string, string>;

/** A plausible body per resource and method, so a refusal is about access, not validation. */
function bodyFor(route: RouteInfo, suffix: string): Record<string, unknown> | undefined {
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  const resource = route.path.split('/')[4] ?? 'workspace';
  const create = route.method === 'POST' && !/:\w+(\/\w+)?$/.test(route.path.slice(route.path.indexOf(':workspaceId') + 12));
  const bodies: Record<string, Record<string, unknown>> = {
    'api-keys': create ? { name: `k-${suffix}`, owner: { type: 'user' }, scopes: ['invoke:*'] } : { name: `k-${suffix}` },
    members: create ? { email: `nobody-${suffix}@example.com`, role: 'viewer' } : { role: 'viewer' },
    roles: create ? { name: `r-${suffix}`, description: 'x', permissions: ['prompts:read'] } : { description: 'x' },
    'service-accounts': create ? { name: `sa-${suffix}`, role: 'viewer' } : { description: 'x' },
    'sso-connections': create ? { name: `sso-${suffix}`, issuerUrl: 'https://idp.example.com', clientId: 'c', defaultRole: 'viewer' } : { name: `sso-${suffix}` },
    'provider-accounts': create ? { name: `p-${suffix}`, pluginId: 'provider-mock' } : { enabled: true },
    workspace: { name: `renamed-${suffix}` },
  };
  if (route.path.endsWith('/credentials')) return { credential: `sk-extra-${suffix}-0123456789` };
  if (resource === 'routes') return create ? { alias: `r-${suffix}`, targets: [{ providerAccountId: '00000000-0000-4000-8000-000000000000', model: 'm' }] } : { enabled: true };
  if (resource === 'rate-limits') return { name: `rl-${suffix}`, requestsPerMinute: 10 };
  if (resource === 'guard-bindings') return create ? { pluginId: 'guard-pii-redaction', scope: 'workspace' } : { failMode: 'open' };
  if (resource === 'budgets') return create ? { scope: 'workspace', period: 'month', limitUsd: 1 } : { limitUsd: 2 };
  if (resource === 'approvals') return /\/(approve|reject)$/.test(route.path) ? { comment: `c-${suffix}` } : create ? { kind: 'budget_increase', subject: { budgetId: '00000000-0000-4000-8000-000000000000', limitUsd: 1 } } : {};
  if (resource === 'approval-policies') return { requiredApprovals: 1 };
  if (resource === 'prompts') return promptBody(route.path, suffix);
  if (resource === 'prompt-apis') return promptApiBody(route.path, suffix);
  if (resource === 'rest-apis') return restApiBody(route.path, suffix);
  if (resource === 'subscriptions') return route.path.endsWith('/revoke') ? { reason: `r-${suffix}` } : { apiProduct: 'summary-a' };
  if (resource === 'webhooks') return route.path.endsWith('/rotate-secret') ? { graceSeconds: 0 } : create ? { url: 'http://127.0.0.1:9/hooks' } : { enabled: true };
  return route.path.endsWith('/rotate') ? { gracePeriodSeconds: 0 } : (bodies[resource] ?? {});
}

function promptBody(path: string, suffix: string): Record<string, unknown> {
  if (path.endsWith('/prompts')) return { slug: `p-${suffix}`, name: 'x' };
  if (path.endsWith('/versions')) return { messages: [{ role: 'user', content: 'Hi {{name}}' }], model: 'mock/mock-chat' };
  if (path.endsWith('/labels/:label')) return { version: 1 };
  if (path.endsWith('/render') || path.endsWith('/try')) return { version: 1, variables: { name: suffix } };
  return { name: `renamed-${suffix}` };
}

function restApiBody(path: string, suffix: string): Record<string, unknown> {
  if (path.endsWith('/rest-apis')) return { slug: `rest-${suffix}`, title: 'x', baseUrl: 'http://127.0.0.1:9/api', openapi: petstoreDocument() };
  if (path.endsWith('/versions')) return { openapi: petstoreDocument() };
  if (path.endsWith('/deprecate')) return { sunset: '2099-01-01T00:00:00Z' };
  if (path.endsWith('/retire')) return { successor: 1 };
  if (path.endsWith('/submit')) return {};
  return { title: `renamed-${suffix}` };
}

function promptApiBody(path: string, suffix: string): Record<string, unknown> {
  if (path.endsWith('/prompt-apis')) return { slug: `api-${suffix}`, title: 'x' };
  if (path.endsWith('/versions')) return { prompt: `p-${suffix}`, promptVersion: 1 };
  if (path.endsWith('/deprecate')) return { sunset: '2099-01-01T00:00:00Z' };
  if (path.endsWith('/retire')) return { successor: 1 };
  if (path.endsWith('/submit')) return {};
  if (path.endsWith('/versions/:n')) return { output: 'text' };
  return { title: `renamed-${suffix}` };
}

function fill(path: string, workspaceId: string, ids: Ids): string {
  return path.replace(':workspaceId', workspaceId).replace(/:(\w+)/g, (_match, param: string) => {
    const resource = path.split('/')[4];
    const value = ids[`${resource}:${param}`];
    if (!value) throw new Error(`no id for ${resource}:${param} in ${path}`);
    return value;
  });
}

describe('tenant isolation matrix', () => {
  let subject: TestApp;
  let routes: RouteInfo[];
  let workspaceA: string;
  let workspaceB: string;
  let ownerA: TestUser;
  let ownerB: TestUser;
  const idsA: Ids = {};
  const idsB: Ids = {};
  const secretsOfB: string[] = [];

  const call = (method: RouteInfo['method'], url: string, headers: Record<string, string>, payload?: unknown) =>
    subject.app.inject({ method, url, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) }, payload: payload as never });

  /** Creates one resource of every type in a workspace through its owner, and records their ids. */
  async function populate(workspaceId: string, owner: TestUser, ids: Ids, tag: string): Promise<void> {
    const base = `/admin/workspaces/${workspaceId}`;
    const created = async (path: string, payload: unknown) => {
      const response = await call('POST', `${base}/${path}`, owner.headers, payload);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(201);
      return response.json();
    };
    const role = await created('roles', { name: `editor-${tag}`, description: 'edits prompts', permissions: ['prompts:read', 'prompts:write'] });
    ids['roles:roleId'] = role.id;
    const serviceAccount = await created('service-accounts', { name: `robot-${tag}`, role: 'developer' });
    ids['service-accounts:accountId'] = serviceAccount.id;
    const key = await created('api-keys', { name: `key-${tag}`, owner: { type: 'service_account', id: serviceAccount.id }, scopes: ['invoke:*'] });
    ids['api-keys:keyId'] = key.id;
    const sso = await created('sso-connections', { name: `idp-${tag}`, issuerUrl: 'https://idp.example.com', clientId: `client-${tag}`, clientSecret: `sso-secret-${tag}-0123456789`, defaultRole: 'viewer' });
    ids['sso-connections:connectionId'] = sso.id;
    const provider = await created('provider-accounts', { name: `openai-${tag}`, pluginId: 'provider-mock', credential: `sk-provider-secret-${tag}-0123456789` });
    ids['provider-accounts:accountId'] = provider.id;
    const extra = await created(`provider-accounts/${provider.id}/credentials`, { credential: `sk-extra-secret-${tag}-0123456789` });
    ids['provider-accounts:credentialId'] = extra.id;
    const route = await created('routes', { alias: `chat-${tag}`, targets: [{ providerAccountId: provider.id, model: 'mock-chat' }] });
    ids['routes:route'] = route.id;
    const webhook = await created('webhooks', { url: 'http://127.0.0.1:9/hooks' });
    ids['webhooks:webhookId'] = webhook.id;
    ids['webhooks:deliveryId'] = (await call('POST', `${base}/webhooks/${webhook.id}/test`, owner.headers)).json().id;
    ids['rate-limits:id'] = (await created('rate-limits', { name: `rpm-${tag}`, requestsPerMinute: 100 })).id;
    ids['budgets:id'] = (await created('budgets', { scope: 'workspace', period: 'day', limitUsd: 5 })).id;
    ids['guard-bindings:id'] = (await created('guard-bindings', { pluginId: 'guard-pii-redaction', scope: 'workspace' })).id;
    const [logged] = await subject.app.get(DataSource).query(
      `INSERT INTO call_logs (call_id, started_at, request_id, workspace_id, endpoint, stream, status, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, tokens_estimated, latency_ms, cache_hit)
       VALUES (gen_random_uuid(), now(), $1, $2, 'chat.completions', false, 200, 1, 1, 0, 0, false, 1, false) RETURNING call_id`,
      [`req-${tag}`, workspaceId],
    );
    ids['call-logs:callId'] = logged.call_id;
    ids['approvals:id'] = (await created('approvals', { kind: 'budget_increase', subject: { budgetId: ids['budgets:id'], limitUsd: 50 } })).id;
    // Kinds are names every workspace shares; B's is one A has no policy for and no handler knows.
    ids['approval-policies:kind'] = tag === 'a' ? 'budget_increase' : 'b_only_kind';
    ids['prompts:slug'] = (await created('prompts', { slug: `greet-${tag}`, name: `Greet ${tag}`, version: { messages: [{ role: 'user', content: `Hi {{name}} from ${tag}` }], model: 'mock/mock-chat' } })).slug;
    ids['prompt-apis:slug'] = (await created('prompt-apis', { slug: `summary-${tag}`, title: `Summary ${tag}` })).slug;
    const apiProduct = await call('GET', `${base}/prompt-apis/summary-${tag}`, owner.headers);
    await created(`prompt-apis/summary-${tag}/versions`, { prompt: `greet-${tag}`, promptVersion: 1 });
    // A subscription row as the approval engine would leave it (the product's version is a draft here).
    const [subscription] = await subject.app.get(DataSource).query(
      `INSERT INTO subscriptions (workspace_id, subscriber_workspace_id, api_product_id, api_product_slug, subscriber_type, subscriber_id, state, activated_at, requested_by)
       VALUES ($1, $1, $2, $3, 'service_account', $4, 'active', now(), 'test') RETURNING id`,
      [workspaceId, apiProduct.json().id, `summary-${tag}`, serviceAccount.id],
    );
    ids['subscriptions:id'] = subscription.id;
    ids['rest-apis:slug'] = (await created('rest-apis', { slug: `pets-${tag}`, title: `Pets ${tag}`, baseUrl: 'http://127.0.0.1:9/api', openapi: petstoreDocument(), credential: { value: `sk-rest-secret-${tag}-0123456789` } })).slug;
    const member = await createMember(subject.app, workspaceId, 'viewer');
    ids['members:userId'] = member.id;
    if (tag === 'b') secretsOfB.push(key.key, webhook.secret, `sso-secret-${tag}-0123456789`, `sk-provider-secret-${tag}-0123456789`, `sk-extra-secret-${tag}-0123456789`, `sk-rest-secret-${tag}-0123456789`, ...Object.values(ids), member.email);
    // A version number and a label name are the same in every workspace: not secrets (the slug scopes them).
    ids['prompts:version'] = '1';
    ids['prompts:label'] = 'staging';
    ids['prompt-apis:n'] = '1';
    ids['rest-apis:n'] = '1';
    expect((await call('PUT', `${base}/prompts/greet-${tag}/labels/staging`, owner.headers, { version: 1 })).statusCode).toBe(200);
  }

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, [DiscoveryModule]);
    routes = listRoutes(subject.app.get(DiscoveryService)).filter((route) => route.rule?.kind === 'permission');
    workspaceA = (await createWorkspace(subject.app, 'tenant-a')).id;
    workspaceB = (await createWorkspace(subject.app, 'tenant-b')).id;
    ownerA = await createMember(subject.app, workspaceA, 'owner');
    ownerB = await createMember(subject.app, workspaceB, 'owner');
    await populate(workspaceA, ownerA, idsA, 'a');
    await populate(workspaceB, ownerB, idsB, 'b');
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('covers every workspace-scoped admin resource type', () => {
    const resources = new Set(routes.map((route) => route.path.split('/')[4] ?? 'workspace'));
    expect([...resources].sort()).toEqual(
      expect.arrayContaining(['api-keys', 'members', 'provider-accounts', 'roles', 'service-accounts', 'sso-connections', 'workspace']),
    );
  });

  it("answers A's owner 404 on every route of workspace B, and leaks nothing", async () => {
    for (const route of routes) {
      const response = await call(route.method, fill(route.path, workspaceB, idsB), ownerA.headers, bodyFor(route, 'x1'));
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(404);
      for (const secret of secretsOfB) expect(response.body, `${route.method} ${route.path}`).not.toContain(secret);
    }
  });

  it("answers 404/403 when B's resource ids are used inside workspace A, and leaks nothing", async () => {
    for (const route of routes.filter((candidate) => /:(?!workspaceId)\w+/.test(candidate.path))) {
      const response = await call(route.method, fill(route.path, workspaceA, idsB), ownerA.headers, bodyFor(route, 'x2'));
      expect([403, 404], `${route.method} ${route.path}: ${response.statusCode} ${response.body}`).toContain(response.statusCode);
      for (const secret of secretsOfB) expect(response.body, `${route.method} ${route.path}`).not.toContain(secret);
    }
  });

  it("never lists B's rows in A's collections", async () => {
    for (const route of routes.filter((candidate) => candidate.method === 'GET' && !/:(?!workspaceId)\w+/.test(candidate.path))) {
      const response = await call('GET', fill(route.path, workspaceA, idsA), ownerA.headers);
      expect(response.statusCode, route.path).toBe(200);
      for (const secret of secretsOfB) expect(response.body, route.path).not.toContain(secret);
    }
    const mine = await call('GET', '/admin/workspaces', ownerA.headers);
    expect(mine.json().map((workspace: { id: string }) => workspace.id)).toEqual([workspaceA]);
  });

  it('lets neither a viewer nor an approver write anything, while both read what their role allows', async () => {
    for (const role of ['viewer', 'approver'] as const) {
      const member = await createMember(subject.app, workspaceA, role);
      const granted = new Set<string>(BUILTIN_ROLE_PERMISSIONS[role]);
      for (const route of routes) {
        const response = await call(route.method, fill(route.path, workspaceA, idsA), member.headers, bodyFor(route, `${role}-w`));
        const permission = route.rule?.kind === 'permission' ? `${route.rule.resource}:${route.rule.action}` : '';
        if (route.method === 'GET') expect(response.statusCode, `${role} ${route.method} ${route.path}`).toBe(granted.has(permission) ? 200 : 403);
        else if (route.rule?.kind === 'permission' && route.rule.action !== 'write' && granted.has(permission)) expect(response.statusCode, `${role} ${route.method} ${route.path}`).toBeLessThan(500);
        else expect(response.statusCode, `${role} ${route.method} ${route.path}: ${response.body}`).toBe(403);
      }
    }
  });

  it("confines an owner-role API key of A to A: every route of B answers 404", async () => {
    const { headers } = await createServiceAccountKey(subject.app, workspaceA, 'owner', ['admin']);
    for (const route of routes) {
      const response = await call(route.method, fill(route.path, workspaceB, idsB), headers, bodyFor(route, 'x3'));
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(404);
    }
    const superadminOnly = await call('GET', '/admin/users', headers);
    expect(superadminOnly.statusCode).toBe(403);
  });
});
