import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { describeRoutes, fillPath, hostileBody, hostileParams, hostileQuery, type FuzzRoute, type OpenApiDocument } from '../support/fuzz/admin-routes';
import { assertWellFormed, surfaceOf } from '../support/fuzz/envelopes';
import { effectivePath, send, stillAlive } from '../support/fuzz/fuzz-client';
import { deepNesting, invalidUtf8Body, malformedJson, nestedJson, withWrongType } from '../support/fuzz/hostile-input';
import { fuzzParameters } from '../support/fuzz/settings';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of the admin API, walking the live route table (like the tenant-isolation
 * matrix) with a superadmin who owns the workspace, so refusals are about the input, not access:
 * hostile path parameters, query filters and bodies. Never a 5xx, always the problem envelope.
 */
describe('fuzzing /admin', () => {
  let subject: TestApp;
  let admin: TestUser;
  let workspaceId: string;
  let routes: FuzzRoute[];

  const call = (route: FuzzRoute, url: string, payload?: string | Buffer) => send(subject.app, route.method, url, admin.headers, route.method === 'GET' || route.method === 'DELETE' ? undefined : (payload ?? '{}'));
  const label = (route: FuzzRoute, url: string) => `${route.method} ${url}${effectivePath(url) === url.split('?')[0] ? '' : ` (arrives as ${effectivePath(url)})`}`;
  const bodyRoutes = () => routes.filter((route) => route.method !== 'GET' && route.method !== 'DELETE');
  /** Routes whose only parameter is the workspace: filled with the real one, their input is the only thing that can be wrong. */
  const inWorkspace = (route: FuzzRoute) => fillPath(route.path, { workspaceId }, () => 'unused');

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', PORTICO_PLUGINS: 'provider-mock,guard-pii-redaction' }, [DiscoveryModule]);
    workspaceId = subject.runtime.firstRun!.workspaceId;
    admin = await createMember(subject.app, workspaceId, 'owner', { superadmin: true });
    const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json() as OpenApiDocument;
    routes = describeRoutes(listRoutes(subject.app.get(DiscoveryService)), document).filter((route) => route.path.startsWith('/admin'));
    expect(routes.length).toBeGreaterThan(100);
  });
  afterAll(async () => {
    if (subject) expect(await stillAlive(subject.app)).toBe(true);
    await subject?.close();
  });

  it('answers every route with hostile path parameters (traversal, encoded slashes, SQL, unicode) with a 4xx in the envelope', async () => {
    const parameterised = routes.filter((route) => route.params.length > 0);
    const input = fc.constantFrom(...parameterised).chain((route) => hostileParams(route).map((values) => ({ route, url: fillPath(route.path, values, () => 'x') })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        const normalised = effectivePath(url) !== url;
        assertWellFormed(surfaceOf(effectivePath(url)), label(route, url), await call(route, url), normalised ? {} : { statusIn: [400, 401, 403, 404, 405, 409, 414, 422] });
      }),
      fuzzParameters(300),
    );
  });

  it('keeps the workspace and answers hostile ids inside it with a 4xx (or success on a name it created) in the envelope', async () => {
    const inside = routes.filter((route) => route.params.includes('workspaceId') && route.params.length > 1);
    const input = fc.constantFrom(...inside).chain((route) => hostileParams(route).map((values) => ({ route, url: fillPath(route.path, { ...values, workspaceId }, () => 'x') })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        assertWellFormed(surfaceOf(effectivePath(url)), label(route, url), await call(route, url));
      }),
      fuzzParameters(200),
    );
    const workspace = await send(subject.app, 'GET', `/admin/workspaces/${workspaceId}`, admin.headers);
    expect(workspace.statusCode, workspace.body).toBe(200);
  });

  it('answers SQL metacharacters, unicode and wrong types in every query filter without a 5xx, in the envelope', async () => {
    const filtered = routes.filter((route) => route.method === 'GET' && route.queryNames.length > 0);
    expect(filtered.length).toBeGreaterThan(5);
    const input = fc.constantFrom(...filtered).chain((route) => hostileQuery(route).map((query) => ({ route, url: `${inWorkspace(route)}?${query}` })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        assertWellFormed('admin', label(route, url), await call(route, url), { statusIn: [200, 400, 404, 422] });
      }),
      fuzzParameters(250),
    );
  });

  it('answers bodies with wrong types and hostile strings in every documented field without a 5xx, in the envelope', async () => {
    const input = fc.constantFrom(...bodyRoutes()).chain((route) => hostileBody(route).map((body) => ({ route, body })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, body }) => {
        const url = inWorkspace(route);
        assertWellFormed('admin', `${label(route, url)} ${body}`, await call(route, url, body));
      }),
      fuzzParameters(300),
    );
    const workspace = await send(subject.app, 'GET', `/admin/workspaces/${workspaceId}`, admin.headers);
    expect(workspace.statusCode, workspace.body).toBe(200);
  });

  it('answers valid create bodies with one field of the wrong type, at any depth, without a 5xx, in the envelope', async () => {
    const created = async (path: string, body: Record<string, unknown>) => {
      const response = await send(subject.app, 'POST', `/admin/workspaces/${workspaceId}/${path}`, admin.headers, JSON.stringify(body));
      expect(response.statusCode, response.body).toBe(201);
      return JSON.parse(response.body) as { id: string };
    };
    const account = await created('provider-accounts', { name: 'fuzz-mock', pluginId: 'provider-mock' });
    const budget = await created('budgets', { scope: 'workspace', period: 'day', limitUsd: 5 });
    const someone = await createMember(subject.app, (await createWorkspace(subject.app)).id, 'viewer');
    const valid: Record<string, Record<string, unknown>> = {
      'api-keys': { name: 'k', owner: { type: 'user' }, scopes: ['invoke:*'], expiresAt: '2099-01-01T00:00:00Z' },
      'service-accounts': { name: 'robot', role: 'developer', description: 'x' },
      roles: { name: 'editor', description: 'x', permissions: ['prompts:read'] },
      members: { email: someone.email, role: 'viewer' },
      'provider-accounts': { name: 'p', pluginId: 'provider-mock', credential: 'sk-0123456789', baseUrl: 'http://127.0.0.1:9/v1' },
      routes: { alias: 'chat-x', strategy: 'priority', policy: { retriesPerTarget: 1, timeouts: { firstByteMs: 400 } }, targets: [{ providerAccountId: account.id, model: 'mock-chat', priority: 0, weight: 1 }] },
      'rate-limits': { name: 'rl', match: { apiKeyId: null, route: 'chat-x', model: null }, per: { key: true }, requestsPerMinute: 10, tokensPerMinute: 100 },
      budgets: { scope: 'workspace', period: 'month', limitUsd: 1, alertThresholds: [50, 90] },
      'guard-bindings': { pluginId: 'guard-pii-redaction', scope: 'workspace', failMode: 'open' },
      webhooks: { url: 'http://127.0.0.1:9/hooks', description: 'x', eventTypes: ['budget.*'], enabled: true },
      prompts: { slug: 'p', name: 'x', version: { messages: [{ role: 'user', content: 'Hi {{name}}' }], model: 'mock/mock-chat', parameters: { max_tokens: 4 }, inputSchema: { type: 'object', properties: { name: { type: 'string' } } } } },
      'prompt-apis': { slug: 'api', title: 'x', description: 'y', tags: ['t'], visibility: 'public' },
      prices: { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 1, outputPerMTok: 2, effectiveFrom: '2099-01-01T00:00:00Z' },
      approvals: { kind: 'budget_increase', subject: { budgetId: budget.id, limitUsd: 10 } },
    };
    const creates = bodyRoutes().filter((route) => route.method === 'POST' && route.params.length === 1 && valid[route.path.split('/')[4] ?? '']);
    expect(creates.length).toBeGreaterThan(10);
    // The unmutated bodies are accepted, so a mutation is what a refusal is about.
    const accepted: string[] = [];
    for (const route of creates) {
      const response = await call(route, inWorkspace(route), JSON.stringify(valid[route.path.split('/')[4]!]));
      if (response.statusCode < 300) accepted.push(route.path);
      else console.log(route.path, response.statusCode, response.body.slice(0, 300));
    }
    expect(accepted.length, accepted.join(', ')).toBeGreaterThanOrEqual(creates.length - 2);
    const input = fc.constantFrom(...creates).chain((route) => withWrongType(valid[route.path.split('/')[4]!]!).map((body) => ({ route, body })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, body }) => {
        const url = inWorkspace(route);
        assertWellFormed('admin', `${label(route, url)} ${body}`, await call(route, url, body));
      }),
      fuzzParameters(250),
    );
  });

  it('answers malformed JSON with 400, deep nesting with 400, bodies over the limit with 413, invalid UTF-8 without a 5xx', async () => {
    const sample = { name: 'x', description: 'y', enabled: true };
    const route = fc.constantFrom(...bodyRoutes());
    await fc.assert(
      fc.asyncProperty(route, malformedJson(sample), async (target, text) => {
        const url = inWorkspace(target);
        const json = (() => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return undefined;
          }
        })();
        // `null`, `123` or `[]` are JSON, only not an object: the route's validation answers (400/404/422) instead of the parser.
        assertWellFormed('admin', `${label(target, url)} ${JSON.stringify(text)}`, await call(target, url, text), json === undefined ? { statusIn: [400] } : { statusIn: [400, 404, 409, 422] });
      }),
      fuzzParameters(80),
    );
    await fc.assert(
      fc.asyncProperty(route, deepNesting.filter(({ depth }) => depth > 100), async (target, { depth, shape }) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} nested ${shape} x${depth}`, await call(target, url, `{"name":${nestedJson(depth, shape)}}`), { statusIn: [400] });
      }),
      fuzzParameters(15),
    );
    const limit = subject.runtime.config.server.bodyLimitBytes;
    await fc.assert(
      fc.asyncProperty(route, async (target) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} over the limit`, await call(target, url, JSON.stringify({ name: 'x'.repeat(limit + 1) })), { statusIn: [413] });
      }),
      fuzzParameters(3),
    );
    await fc.assert(
      fc.asyncProperty(route, invalidUtf8Body(sample), async (target, bytes) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} ${bytes.toString('hex')}`, await call(target, url, bytes));
      }),
      fuzzParameters(40),
    );
  });
});
