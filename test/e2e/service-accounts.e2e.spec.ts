import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyRepository } from '../../src/auth/authz/policy.repository';
import { customRoleSubject } from '../../src/auth/authz/permissions';
import { CustomRoleEntity } from '../../src/auth/entities/custom-role.entity';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { DataPlaneProbeModule, probe, settlePolicies } from './api-keys.support';

describe('service accounts admin API', () => {
  let subject: TestApp;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let owner: TestUser;
  let admin: TestUser;
  let viewer: TestUser;

  const base = () => `/admin/workspaces/${workspaceId}/service-accounts`;
  // Every write may change policies; the next request waits for the reload it triggers (see settlePolicies).
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown) => {
    const response = await subject.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    if (method !== 'GET') await settlePolicies(subject.app);
    return response;
  };
  const mintKey = async (accountId: string, scopes = ['admin', 'invoke:*']) => {
    const response = await call('POST', `/admin/workspaces/${workspaceId}/api-keys`, owner.headers, { name: 'k', owner: { type: 'service_account', id: accountId }, scopes });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; key: string };
  };

  beforeAll(async () => {
    subject = await startTestApp({}, [DataPlaneProbeModule]);
    workspaceId = (await createWorkspace(subject.app)).id;
    otherWorkspaceId = (await createWorkspace(subject.app)).id;
    owner = await createMember(subject.app, workspaceId, 'owner');
    admin = await createMember(subject.app, workspaceId, 'admin');
    viewer = await createMember(subject.app, workspaceId, 'viewer');
    const dataSource = subject.app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await manager.save(CustomRoleEntity, { workspaceId, name: 'prompt-reader', permissions: ['prompts:read'] });
      await new PolicyRepository().setRolePermissions(manager, customRoleSubject('prompt-reader'), workspaceId, ['prompts:read']);
    });
    await settlePolicies(subject.app);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('creates, lists, gets and updates an account; its key acts with its role', async () => {
    const created = await call('POST', base(), admin.headers, { name: 'deployer', description: 'CI', role: 'viewer' });
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({ name: 'deployer', description: 'CI', role: 'viewer', disabled: false, disabledAt: null, activeKeys: 0, workspaceId });

    const { key } = await mintKey(account.id);
    const headers = { authorization: `Bearer ${key}` };
    expect((await call('GET', base(), headers)).statusCode).toBe(200);
    expect((await call('POST', base(), headers, { name: 'nope', role: 'viewer' })).statusCode).toBe(403);

    const listed = await call('GET', base(), viewer.headers);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toContainEqual(expect.objectContaining({ id: account.id, activeKeys: 1 }));
    expect((await call('GET', `${base()}/${account.id}`, viewer.headers)).json()).toMatchObject({ id: account.id, activeKeys: 1 });

    const updated = await call('PATCH', `${base()}/${account.id}`, admin.headers, { description: 'deploys', role: 'developer' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ description: 'deploys', role: 'developer' });
    // The developer role holds api_keys:write, so the account's key may now mint keys for itself.
    expect((await call('POST', `/admin/workspaces/${workspaceId}/api-keys`, headers, { name: 'self', owner: { type: 'service_account', id: account.id }, scopes: ['invoke:*'] })).statusCode).toBe(201);
  });

  it('accepts custom:<name> of a role in this workspace; anything else is UNKNOWN_ROLE', async () => {
    const custom = await call('POST', base(), owner.headers, { name: 'reader', role: 'custom:prompt-reader' });
    expect(custom.statusCode).toBe(201);
    expect(custom.json().role).toBe('custom:prompt-reader');
    for (const role of ['custom:missing', 'superuser', 'prompt-reader']) {
      const refused = await call('POST', base(), owner.headers, { name: `bad-${role.length}`, role });
      expect(refused.statusCode, role).toBe(422);
      expect(refused.json().error.code).toBe(ErrorCode.UNKNOWN_ROLE);
    }
    expect((await call('PATCH', `${base()}/${custom.json().id}`, owner.headers, { role: 'custom:missing' })).json().error.code).toBe(ErrorCode.UNKNOWN_ROLE);
  });

  it('answers 409 CONFLICT for a duplicate name in the workspace, 400 for a bad body', async () => {
    expect((await call('POST', base(), owner.headers, { name: 'twin', role: 'viewer' })).statusCode).toBe(201);
    const twin = await call('POST', base(), owner.headers, { name: 'twin', role: 'viewer' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.code).toBe(ErrorCode.CONFLICT);
    const other = await createMember(subject.app, otherWorkspaceId, 'owner');
    await settlePolicies(subject.app);
    expect((await call('POST', `/admin/workspaces/${otherWorkspaceId}/service-accounts`, other.headers, { name: 'twin', role: 'viewer' })).statusCode).toBe(201);
    const bad = await call('POST', base(), owner.headers, { name: 'Not Valid', role: 'viewer', extra: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { issues: expect.any(Array) } });
  });

  it('refuses a viewer (403), and an admin granting a role above their own (403)', async () => {
    expect((await call('POST', base(), viewer.headers, { name: 'v', role: 'viewer' })).statusCode).toBe(403);
    const escalation = await call('POST', base(), admin.headers, { name: 'root', role: 'owner' });
    expect(escalation.statusCode).toBe(403);
    expect(escalation.json().error.details.missing).toContain('workspace:write');
  });

  it('answers 404 for an account of another workspace or a malformed id', async () => {
    const foreign = await createServiceAccountKey(subject.app, otherWorkspaceId, 'viewer');
    await settlePolicies(subject.app);
    for (const id of [foreign.serviceAccountId, 'nope']) {
      expect((await call('GET', `${base()}/${id}`, owner.headers)).statusCode).toBe(404);
      expect((await call('PATCH', `${base()}/${id}`, owner.headers, { description: 'x' })).statusCode).toBe(404);
      expect((await call('POST', `${base()}/${id}/disable`, owner.headers, {})).statusCode).toBe(404);
      expect((await call('DELETE', `${base()}/${id}`, owner.headers)).statusCode).toBe(404);
    }
    expect(await probe(subject.app, foreign.key)).toBe(200);
  });

  it('disabling stops every key of the account at once; enabling brings them back', async () => {
    const account = (await call('POST', base(), owner.headers, { name: 'toggled', role: 'admin' })).json();
    const first = await mintKey(account.id);
    const second = await mintKey(account.id, ['invoke:*']);
    expect(await probe(subject.app, first.key)).toBe(200);
    const disabled = await call('POST', `${base()}/${account.id}/disable`, owner.headers, {});
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expect(await probe(subject.app, first.key)).toBe(401);
    expect(await probe(subject.app, second.key)).toBe(401);
    expect((await call('GET', base(), { authorization: `Bearer ${first.key}` })).statusCode).toBe(401);
    const enabled = await call('POST', `${base()}/${account.id}/enable`, owner.headers, {});
    expect(enabled.json()).toMatchObject({ disabled: false, disabledAt: null });
    expect(await probe(subject.app, second.key)).toBe(200);
  });

  it('deleting removes its keys and its role', async () => {
    const account = (await call('POST', base(), owner.headers, { name: 'doomed', role: 'admin' })).json();
    const { id: keyId, key } = await mintKey(account.id);
    expect((await call('DELETE', `${base()}/${account.id}`, owner.headers)).statusCode).toBe(204);
    expect((await call('GET', `${base()}/${account.id}`, owner.headers)).statusCode).toBe(404);
    const gone = await call('GET', `/admin/workspaces/${workspaceId}/api-keys/${keyId}`, owner.headers);
    expect(gone.statusCode, gone.body).toBe(404);
    expect(await probe(subject.app, key)).toBe(401);
    const rules = await subject.app.get(DataSource).query(`SELECT count(*)::int AS n FROM casbin_rule WHERE v0 = $1`, [`sa:${account.id}`]);
    expect(rules[0].n).toBe(0);
  });
});
