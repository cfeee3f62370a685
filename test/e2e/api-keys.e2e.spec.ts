import { DataSource } from 'typeorm';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { DataPlaneProbeModule, probe, settlePolicies, waitUntil } from './api-keys.support';

const json = (body: unknown) => ({ payload: body as Record<string, unknown> });

describe('API keys admin API', () => {
  let subject: TestApp;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let owner: TestUser;
  let developer: TestUser;
  let viewer: TestUser;
  let serviceAccountId: string;

  const base = () => `/admin/workspaces/${workspaceId}/api-keys`;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, body?: unknown) =>
    subject.app.inject({ method, url, headers, ...(body === undefined ? {} : json(body)) });
  const createKey = (headers: Record<string, string>, body: Record<string, unknown>) =>
    call('POST', base(), headers, { name: 'k', owner: { type: 'service_account', id: serviceAccountId }, scopes: ['admin', 'invoke:*'], ...body });

  beforeAll(async () => {
    subject = await startTestApp({}, [DataPlaneProbeModule]);
    workspaceId = (await createWorkspace(subject.app)).id;
    otherWorkspaceId = (await createWorkspace(subject.app)).id;
    owner = await createMember(subject.app, workspaceId, 'owner');
    developer = await createMember(subject.app, workspaceId, 'developer');
    viewer = await createMember(subject.app, workspaceId, 'viewer');
    const created = await call('POST', `/admin/workspaces/${workspaceId}/service-accounts`, owner.headers, { name: 'ci', role: 'admin' });
    expect(created.statusCode).toBe(201);
    serviceAccountId = created.json().id;
    await settlePolicies(subject.app);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('creates a key, shows it once, and never again (get, list, database)', async () => {
    const created = await createKey(owner.headers, { name: 'deploy' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.key).toMatch(/^ptk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    expect(body).toMatchObject({ name: 'deploy', status: 'active', owner: { type: 'service_account', id: serviceAccountId }, scopes: ['admin', 'invoke:*'], createdBy: `user:${owner.id}` });
    expect(body.prefix).toBe(`${body.key.slice(0, 'ptk_'.length + 12)}_…`);
    const secret = body.key.split('_').slice(2).join('_');

    const fetched = await call('GET', `${base()}/${body.id}`, owner.headers);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().key).toBeUndefined();
    const listed = await call('GET', base(), viewer.headers);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((key: { id: string }) => key.id)).toContain(body.id);
    for (const text of [fetched.body, listed.body]) {
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/hash/i);
    }
    const rows = await subject.app.get(DataSource).query('SELECT row_to_json(k)::text AS row FROM api_keys k');
    expect(rows.map((row: { row: string }) => row.row).join('\n')).not.toContain(secret);

    expect(await probe(subject.app, body.key)).toBe(200);
    expect((await call('GET', base(), { authorization: `Bearer ${body.key}` })).statusCode).toBe(200);
  });

  it('lets a user mint a key for themself that acts with their role, only in this workspace', async () => {
    const created = await createKey(developer.headers, { owner: { type: 'user' }, scopes: ['admin', 'invoke:model:openai/*'] });
    expect(created.statusCode).toBe(201);
    const { key, owner: keyOwner } = created.json();
    expect(keyOwner).toEqual({ type: 'user', id: developer.id });
    const headers = { authorization: `Bearer ${key}` };
    expect((await call('GET', base(), headers)).statusCode).toBe(200);
    // A developer may not manage service accounts, and neither may their key.
    const denied = await call('POST', `/admin/workspaces/${workspaceId}/service-accounts`, headers, { name: 'x', role: 'viewer' });
    expect(denied.statusCode).toBe(403);
    const elsewhere = await call('GET', `/admin/workspaces/${otherWorkspaceId}/api-keys`, headers);
    expect(elsewhere.statusCode).toBe(404);
    expect(await probe(subject.app, key, 'openai/gpt-4o')).toBe(200);
    expect(await probe(subject.app, key, 'anthropic/claude-3-haiku')).toBe(403);
  });

  it('refuses a viewer (403), and a developer minting a key for a service account above them (403)', async () => {
    const byViewer = await createKey(viewer.headers, {});
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().error).toMatchObject({ code: ErrorCode.FORBIDDEN, status: 403 });
    const escalation = await createKey(developer.headers, {});
    expect(escalation.statusCode).toBe(403);
    expect(escalation.json().error.details.missing).toContain('service_accounts:write');
  });

  it('lists every bad scope with 400, and validates owner and expiry', async () => {
    const bad = await createKey(owner.headers, { scopes: ['admin', 'invoke:model:gpt-4o', 'superuser'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(bad.json().error.details.issues.map((issue: { scope: string }) => issue.scope)).toEqual(['invoke:model:gpt-4o', 'superuser']);
    expect((await createKey(owner.headers, { scopes: [] })).statusCode).toBe(400);
    expect((await createKey(owner.headers, { expiresAt: new Date(Date.now() - 1000).toISOString() })).statusCode).toBe(400);
    expect((await createKey(owner.headers, { owner: { type: 'robot' } })).statusCode).toBe(400);
    const unknownAccount = await createKey(owner.headers, { owner: { type: 'service_account', id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknownAccount.statusCode).toBe(404);
    const foreign = await createServiceAccountKey(subject.app, otherWorkspaceId, 'admin');
    await settlePolicies(subject.app);
    const foreignAccount = await createKey(owner.headers, { owner: { type: 'service_account', id: foreign.serviceAccountId } });
    expect(foreignAccount.statusCode).toBe(404);
  });

  it('refuses a user key for a caller who is not a member (superadmin) or not a person (service account)', async () => {
    const superadmin = await createMember(subject.app, otherWorkspaceId, 'viewer', { superadmin: true });
    await settlePolicies(subject.app);
    const notMember = await createKey(superadmin.headers, { owner: { type: 'user' } });
    expect(notMember.statusCode).toBe(422);
    const { headers } = await createServiceAccountKey(subject.app, workspaceId, 'admin');
    await settlePolicies(subject.app);
    const byServiceAccount = await createKey(headers, { owner: { type: 'user' } });
    expect(byServiceAccount.statusCode).toBe(422);
  });

  it('answers 404 for another workspace’s key id, and for a malformed id', async () => {
    const foreign = await createServiceAccountKey(subject.app, otherWorkspaceId, 'admin');
    await settlePolicies(subject.app);
    for (const id of [foreign.keyId, 'not-a-uuid']) {
      for (const [method, suffix] of [['GET', ''], ['PATCH', ''], ['POST', '/revoke'], ['POST', '/rotate']] as const) {
        const response = await call(method, `${base()}/${id}${suffix}`, owner.headers, method === 'GET' ? undefined : method === 'PATCH' ? { name: 'x' } : {});
        expect(response.statusCode, `${method} ${suffix}`).toBe(404);
        expect(response.json().error.code).toBe(ErrorCode.NOT_FOUND);
      }
    }
    expect(await probe(subject.app, foreign.key)).toBe(200);
  });

  it('updates name, scopes and expiry; the new scopes apply at once', async () => {
    const { id, key } = (await createKey(owner.headers, { scopes: ['invoke:*'] })).json();
    expect(await probe(subject.app, key, 'anthropic/claude')).toBe(200);
    const updated = await call('PATCH', `${base()}/${id}`, owner.headers, { name: 'renamed', scopes: ['invoke:model:openai/*'], expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'renamed', scopes: ['invoke:model:openai/*'], expiresAt: expect.any(String) });
    await waitUntil(async () => (await probe(subject.app, key, 'anthropic/claude')) === 403, 1000);
    expect((await call('PATCH', `${base()}/${id}`, owner.headers, { scopes: ['nope'] })).statusCode).toBe(400);
    expect((await call('PATCH', `${base()}/${id}`, owner.headers, {})).statusCode).toBe(400);
  });

  it('revokes: the key answers 401 on /admin (control-plane envelope) and on the data plane; revoking again is harmless', async () => {
    const { id, key } = (await createKey(owner.headers, {})).json();
    const headers = { authorization: `Bearer ${key}` };
    expect((await call('GET', base(), headers)).statusCode).toBe(200);
    const revoked = await call('POST', `${base()}/${id}/revoke`, owner.headers, {});
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    await waitUntil(async () => (await call('GET', base(), headers)).statusCode === 401, 1000);
    const refused = await call('GET', base(), { ...headers, 'x-request-id': 'revoked-1' });
    expect(refused.json()).toEqual({ error: { code: ErrorCode.API_KEY_INVALID, message: expect.any(String), status: 401, requestId: 'revoked-1' } });
    expect(await probe(subject.app, key)).toBe(401);
    expect((await call('POST', `${base()}/${id}/revoke`, owner.headers, {})).json().revokedAt).toBe(revoked.json().revokedAt);
    expect((await call('PATCH', `${base()}/${id}`, owner.headers, { name: 'x' })).statusCode).toBe(409);
    expect((await call('POST', `${base()}/${id}/rotate`, owner.headers, {})).json().error.code).toBe(ErrorCode.CONFLICT);
  });

  it('refuses an expired key with 401, and a key without the admin scope on /admin with 403', async () => {
    const expiring = (await createKey(owner.headers, { expiresAt: new Date(Date.now() + 1500).toISOString() })).json();
    await waitUntil(async () => (await probe(subject.app, expiring.key)) === 200, 1000);
    await waitUntil(async () => (await call('GET', base(), { authorization: `Bearer ${expiring.key}` })).statusCode === 401, 3000);
    expect((await call('GET', base(), { authorization: `Bearer ${expiring.key}` })).json().error).toMatchObject({ code: ErrorCode.API_KEY_EXPIRED, message: expect.stringMatching(/expired/) });
    expect((await call('GET', `${base()}/${expiring.id}`, owner.headers)).json().status).toBe('expired');

    const dataOnly = (await createKey(owner.headers, { scopes: ['invoke:*'] })).json();
    const refused = await call('GET', base(), { 'x-api-key': dataOnly.key });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe(ErrorCode.API_KEY_SCOPE_DENIED);
    expect(await probe(subject.app, dataOnly.key)).toBe(200);
  });

  it('rotates with a grace period: both keys work, then only the new one', async () => {
    const old = (await createKey(owner.headers, { name: 'rotating', scopes: ['admin', 'invoke:model:openai/*'] })).json();
    const rotated = await call('POST', `${base()}/${old.id}/rotate`, owner.headers, { gracePeriodSeconds: 1 });
    expect(rotated.statusCode).toBe(201);
    const next = rotated.json();
    expect(next).toMatchObject({ name: 'rotating', rotatedFromId: old.id, owner: old.owner, scopes: old.scopes, status: 'active', expiresAt: null });
    expect(next.key).not.toBe(old.key);
    expect(Date.parse(next.previousKey.expiresAt) - Date.now()).toBeLessThanOrEqual(1000);
    expect(await probe(subject.app, old.key)).toBe(200);
    expect(await probe(subject.app, next.key)).toBe(200);
    await waitUntil(async () => (await probe(subject.app, old.key)) === 401, 2500);
    expect(await probe(subject.app, next.key)).toBe(200);
    expect((await call('GET', `${base()}/${old.id}`, owner.headers)).json().status).toBe('expired');

    expect((await call('POST', `${base()}/${next.id}/rotate`, owner.headers, { gracePeriodSeconds: 8 * 24 * 3600 })).statusCode).toBe(400);
    const defaultGrace = (await call('POST', `${base()}/${next.id}/rotate`, owner.headers, {})).json();
    expect(Date.parse(defaultGrace.previousKey.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
  });

  it("keeps a rotated key's lifetime and never lengthens the old key's", async () => {
    const inAnHour = Date.now() + 3600_000;
    const old = (await createKey(owner.headers, { expiresAt: new Date(inAnHour).toISOString() })).json();
    const next = (await call('POST', `${base()}/${old.id}/rotate`, owner.headers, { gracePeriodSeconds: 7 * 24 * 3600 })).json();
    expect(Date.parse(next.previousKey.expiresAt)).toBe(Date.parse(old.expiresAt));
    expect(Date.parse(next.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
  });

  it("lets nobody but its owner rotate a user's key", async () => {
    const mine = (await createKey(developer.headers, { owner: { type: 'user' }, scopes: ['invoke:*'] })).json();
    const byOwner = await call('POST', `${base()}/${mine.id}/rotate`, owner.headers, {});
    expect(byOwner.statusCode).toBe(403);
    expect((await call('POST', `${base()}/${mine.id}/rotate`, developer.headers, {})).statusCode).toBe(201);
  });

  it('writes last_used_at in batches', async () => {
    const { id, key } = (await createKey(owner.headers, {})).json();
    expect(await probe(subject.app, key)).toBe(200);
    expect((await call('GET', `${base()}/${id}`, owner.headers)).json().lastUsedAt).toBeNull();
    await subject.app.get(ApiKeyRegistry).flushUsage();
    expect((await call('GET', `${base()}/${id}`, owner.headers)).json().lastUsedAt).toEqual(expect.any(String));
  });
});
