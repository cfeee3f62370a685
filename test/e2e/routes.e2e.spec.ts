import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { RoutePlanner } from '../../src/gateway/routing/route-planner';
import { RoutingModule } from '../../src/gateway/routing/routing.module';
import { DEFAULT_RESILIENCE_POLICY } from '../../src/gateway/routing/resilience-policy';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, OTHER_UUID } from './workspaces.support';

describe('routes admin API', () => {
  let subject: TestApp;
  let wsId: string;
  let admin: TestUser;
  let fast: string;
  let slow: string;
  const app = () => subject.app;
  const url = (workspaceId = wsId) => `/admin/workspaces/${workspaceId}/routes`;
  const accountsUrl = (workspaceId = wsId) => `/admin/workspaces/${workspaceId}/provider-accounts`;
  const planner = () => app().get(RoutePlanner);

  const createAccount = async (workspaceId: string, headers: Record<string, string>, name: string) =>
    (await call(app(), 'POST', accountsUrl(workspaceId), headers, { name, pluginId: 'provider-mock' })).body.id as string;

  beforeAll(async () => {
    subject = await startTestApp({}, [RoutingModule]);
    wsId = (await createWorkspace(app())).id;
    admin = await createMember(app(), wsId, 'admin');
    fast = await createAccount(wsId, admin.headers, 'fast');
    slow = await createAccount(wsId, admin.headers, 'slow');
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('creates a route with inline targets, fills the defaults, and the planner serves it from memory', async () => {
    const created = await call(app(), 'POST', url(), admin.headers, {
      alias: 'chat-default',
      description: 'Cheap first, then the big one',
      strategy: 'priority',
      cacheTtlSeconds: 300,
      policy: { maxAttempts: 3, timeouts: { firstByteMs: 20_000 } },
      targets: [
        { providerAccountId: slow, model: 'mock-chat-large', priority: 1, contextWindow: 131_072, inputPricePerMTok: 3, outputPricePerMTok: 15 },
        { providerAccountId: fast, model: 'mock-chat', contextWindow: 8_192 },
      ],
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        alias: 'chat-default',
        strategy: 'priority',
        cacheTtlSeconds: 300,
        enabled: true,
        policy: { maxAttempts: 3, timeouts: { firstByteMs: 20_000 } },
        effectivePolicy: { ...DEFAULT_RESILIENCE_POLICY, maxAttempts: 3, timeouts: { ...DEFAULT_RESILIENCE_POLICY.timeouts, firstByteMs: 20_000 } },
        targets: [
          { providerAccountId: slow, providerAccountName: 'slow', model: 'mock-chat-large', weight: 1, priority: 1, contextWindow: 131_072, inputPricePerMTok: 3, outputPricePerMTok: 15, position: 0 },
          { providerAccountId: fast, providerAccountName: 'fast', model: 'mock-chat', weight: 1, priority: 0, contextWindow: 8_192, inputPricePerMTok: null, position: 1 },
        ],
      },
    });
    const { id } = created.body;
    expect((await call(app(), 'GET', `${url()}/${id}`, admin.headers)).body).toMatchObject({ id, alias: 'chat-default' });
    expect((await call(app(), 'GET', `${url()}/chat-default`, admin.headers)).body).toMatchObject({ id });
    expect((await call(app(), 'GET', url(), admin.headers)).body.map((route: { alias: string }) => route.alias)).toEqual(['chat-default']);
    await expect.poll(() => planner().plan(wsId, 'chat-default')?.targets.map((target) => target.displayName)).toEqual(['fast/mock-chat', 'slow/mock-chat-large']);
    expect(planner().plan(wsId, 'chat-default')).toMatchObject({ alias: 'chat-default', cacheTtlSeconds: 300, policy: { maxAttempts: 3 } });
  });

  it('updates fields, replaces targets and policy, disables and deletes', async () => {
    const { body } = await call(app(), 'POST', url(), admin.headers, { alias: 'to-edit', targets: [{ providerAccountId: fast, model: 'a' }] });
    const updated = await call(app(), 'PATCH', `${url()}/${body.id}`, admin.headers, {
      alias: 'edited',
      strategy: 'weighted',
      policy: { retriesPerTarget: 0 },
      targets: [
        { providerAccountId: slow, model: 'b', weight: 3 },
        { providerAccountId: fast, model: 'c', weight: 1 },
      ],
    });
    expect(updated).toMatchObject({ status: 200, body: { alias: 'edited', strategy: 'weighted', policy: { retriesPerTarget: 0 }, targets: [{ model: 'b', weight: 3 }, { model: 'c' }] } });
    expect(updated.body.targets).toHaveLength(2);
    await expect.poll(() => planner().plan(wsId, 'edited')?.targets.length).toBe(2);
    expect(planner().plan(wsId, 'to-edit')).toBeNull();

    const untouched = await call(app(), 'PATCH', `${url()}/edited`, admin.headers, { description: 'kept targets' });
    expect(untouched.body).toMatchObject({ description: 'kept targets', targets: [{ model: 'b' }, { model: 'c' }] });

    expect((await call(app(), 'PATCH', `${url()}/edited`, admin.headers, { enabled: false })).body.enabled).toBe(false);
    await expect.poll(() => planner().plan(wsId, 'edited')).toBeNull();
    expect((await call(app(), 'DELETE', `${url()}/${body.id}`, admin.headers)).status).toBe(204);
    expect((await call(app(), 'GET', `${url()}/${body.id}`, admin.headers)).status).toBe(404);
    expect((await call(app(), 'DELETE', `${url()}/${body.id}`, admin.headers)).status).toBe(404);
  });

  it('validates bodies (400), accounts of this workspace (422) and alias uniqueness (409)', async () => {
    const target = { providerAccountId: fast, model: 'm' };
    for (const bad of [
      { alias: 'has/slash', targets: [target] },
      { alias: 'Upper', targets: [target] },
      { alias: 'no-targets', targets: [] },
      { alias: 'no-targets' },
      { alias: 'zero-weight', targets: [{ ...target, weight: 0 }] },
      { alias: 'fraction', targets: [{ ...target, weight: 1.5 }] },
      { alias: 'strategy', strategy: 'random', targets: [target] },
      { alias: 'policy', policy: { retries: 3 }, targets: [target] },
      { alias: 'ttl', cacheTtlSeconds: 0, targets: [target] },
      { alias: 'not-uuid', targets: [{ providerAccountId: 'fast', model: 'm' }] },
      { alias: 'empty-model', targets: [{ providerAccountId: fast, model: '' }] },
      { alias: 'extra', targets: [target], workspaceId: OTHER_UUID },
    ]) {
      const refused = await call(app(), 'POST', url(), admin.headers, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    }
    const unknown = await call(app(), 'POST', url(), admin.headers, { alias: 'unknown-account', targets: [target, { providerAccountId: OTHER_UUID, model: 'm' }] });
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: ErrorCode.VALIDATION_FAILED, details: { unknownProviderAccountIds: [OTHER_UUID] } } } });

    await call(app(), 'POST', url(), admin.headers, { alias: 'taken', targets: [target] });
    const twin = await call(app(), 'POST', url(), admin.headers, { alias: 'taken', targets: [target] });
    expect(twin).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    const { body: other } = await call(app(), 'POST', url(), admin.headers, { alias: 'other-one', targets: [target] });
    expect((await call(app(), 'PATCH', `${url()}/${other.id}`, admin.headers, { alias: 'taken' })).status).toBe(409);
    expect((await call(app(), 'PATCH', `${url()}/${other.id}`, admin.headers, { targets: [] })).status).toBe(400);
    expect((await call(app(), 'PATCH', `${url()}/${other.id}`, admin.headers, { alias: 'other-one' })).status).toBe(200);
  });

  it('refuses to delete a provider account a route uses (409 naming the routes)', async () => {
    const doomed = await createAccount(wsId, admin.headers, 'in-use');
    const { body: route } = await call(app(), 'POST', url(), admin.headers, { alias: 'uses-it', targets: [{ providerAccountId: doomed, model: 'm' }] });
    const refused = await call(app(), 'DELETE', `${accountsUrl()}/${doomed}`, admin.headers);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT, details: { routes: ['uses-it'] } } } });
    await call(app(), 'DELETE', `${url()}/${route.id}`, admin.headers);
    expect((await call(app(), 'DELETE', `${accountsUrl()}/${doomed}`, admin.headers)).status).toBe(204);
  });

  it('never shows, uses or touches another workspace’s routes and accounts (404 / 422)', async () => {
    const other = await createWorkspace(app());
    const otherAdmin = await createMember(app(), other.id, 'admin');
    const foreignAccount = await createAccount(other.id, otherAdmin.headers, 'foreign');
    const { body: foreign } = await call(app(), 'POST', url(other.id), otherAdmin.headers, { alias: 'foreign-route', targets: [{ providerAccountId: foreignAccount, model: 'm' }] });
    for (const path of [`${url()}/${foreign.id}`, `${url()}/foreign-route`, `${url()}/${OTHER_UUID}`]) {
      expect((await call(app(), 'GET', path, admin.headers)).status, path).toBe(404);
      expect((await call(app(), 'PATCH', path, admin.headers, { enabled: false })).status, path).toBe(404);
      expect((await call(app(), 'DELETE', path, admin.headers)).status, path).toBe(404);
    }
    expect((await call(app(), 'GET', url(other.id), admin.headers)).status).toBe(404);
    expect((await call(app(), 'GET', url(), admin.headers)).raw).not.toContain('foreign-route');
    const borrowing = await call(app(), 'POST', url(), admin.headers, { alias: 'borrowing', targets: [{ providerAccountId: foreignAccount, model: 'm' }] });
    expect(borrowing.status).toBe(422);
    expect(planner().plan(wsId, 'foreign-route')).toBeNull();
    expect(planner().plan(wsId, 'foreign/m')).toBeNull();
    expect((await call(app(), 'GET', `${url(other.id)}/${foreign.id}`, otherAdmin.headers)).body.enabled).toBe(true);
  });

  it('lets every role read routes but only admins write them (403)', async () => {
    const { body: route } = await call(app(), 'POST', url(), admin.headers, { alias: 'guarded', targets: [{ providerAccountId: fast, model: 'm' }] });
    const callers = [
      ...(await Promise.all(['viewer', 'approver', 'developer'].map((role) => createMember(app(), wsId, role)))).map((user) => user.headers),
      (await createServiceAccountKey(app(), wsId, 'viewer')).headers,
    ];
    for (const headers of callers) {
      expect((await call(app(), 'GET', url(), headers)).status).toBe(200);
      expect((await call(app(), 'GET', `${url()}/guarded`, headers)).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', url(), { alias: 'sneaky', targets: [{ providerAccountId: fast, model: 'm' }] }],
        ['PATCH', `${url()}/${route.id}`, { enabled: false }],
        ['DELETE', `${url()}/${route.id}`, undefined],
      ] as const) {
        const denied = await call(app(), method, path, headers, body);
        expect(denied.status).toBe(403);
        expect(denied.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
    expect((await call(app(), 'GET', url(), {})).status).toBe(401);
  });

  it('lists the workspace’s models: route aliases and <account>/<model> of enabled accounts', async () => {
    const viewer = await createMember(app(), wsId, 'viewer');
    const listed = await call(app(), 'GET', `/admin/workspaces/${wsId}/models`, viewer.headers);
    expect(listed.status).toBe(200);
    const ids = listed.body.map((model: { id: string }) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['chat-default', 'guarded', 'fast/mock-chat', 'slow/mock-chat-large', 'fast/mock-embed']));
    expect(listed.body).toContainEqual(expect.objectContaining({ id: 'chat-default', type: 'route', strategy: 'priority', enabled: true }));
    expect(listed.body).toContainEqual(
      expect.objectContaining({ id: 'fast/mock-chat', type: 'model', account: 'fast', pluginId: 'provider-mock', ownedBy: 'portico-mock', contextWindow: 8192, enabled: true }),
    );
    const other = await createWorkspace(app());
    expect((await call(app(), 'GET', `/admin/workspaces/${other.id}/models`, viewer.headers)).status).toBe(404);
  });

  it('documents the routes, models and credentials endpoints in a valid OpenAPI document', async () => {
    const document = (await app().inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/admin/workspaces/{workspaceId}/routes',
        '/admin/workspaces/{workspaceId}/routes/{route}',
        '/admin/workspaces/{workspaceId}/models',
        '/admin/workspaces/{workspaceId}/provider-accounts/{accountId}/credentials',
        '/admin/workspaces/{workspaceId}/provider-accounts/{accountId}/credentials/{credentialId}',
      ]),
    );
    expect(document.components.schemas.AddProviderCredentialDto.properties.credential.writeOnly).toBe(true);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
