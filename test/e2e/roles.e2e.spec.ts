import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_PERMISSIONS } from '../../src/auth/authz/permissions';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, OTHER_UUID } from './workspaces.support';

describe('custom roles admin API', () => {
  let subject: TestApp;
  let wsId: string;
  let owner: TestUser;
  let adminRole: TestUser;
  const app = () => subject.app;
  const url = (id = wsId) => `/admin/workspaces/${id}/roles`;

  beforeAll(async () => {
    subject = await startTestApp();
    wsId = (await createWorkspace(app())).id;
    owner = await createMember(app(), wsId, 'owner');
    adminRole = await createMember(app(), wsId, 'admin');
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('lists the built-in roles with their permissions, then the custom ones', async () => {
    await call(app(), 'POST', url(), adminRole.headers, { name: 'reader-plus', description: 'reads', permissions: ['prompts:read'] });
    const viewer = await createMember(app(), wsId, 'viewer');
    const listed = await call(app(), 'GET', url(), viewer.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.slice(0, 5).map((role: { name: string }) => role.name)).toEqual(['owner', 'admin', 'developer', 'approver', 'viewer']);
    expect(listed.body.find((role: { name: string }) => role.name === 'developer')).toMatchObject({
      id: null,
      kind: 'builtin',
      permissions: [...BUILTIN_ROLE_PERMISSIONS.developer],
    });
    expect(listed.body).toContainEqual(expect.objectContaining({ name: 'reader-plus', kind: 'custom', permissions: ['prompts:read'], description: 'reads' }));
  });

  it('creates, reads, updates and deletes a custom role', async () => {
    const created = await call(app(), 'POST', url(), adminRole.headers, { name: 'prompt-editor', permissions: ['prompts:write', 'prompts:read', 'prompts:read'] });
    expect(created).toMatchObject({ status: 201, body: { name: 'prompt-editor', kind: 'custom', description: '', permissions: ['prompts:read', 'prompts:write'] } });
    const id = created.body.id;
    expect((await call(app(), 'GET', `${url()}/${id}`, adminRole.headers)).body.name).toBe('prompt-editor');
    const updated = await call(app(), 'PATCH', `${url()}/${id}`, adminRole.headers, { description: 'edits prompts', permissions: ['prompts:read'] });
    expect(updated).toMatchObject({ status: 200, body: { description: 'edits prompts', permissions: ['prompts:read'] } });
    expect((await call(app(), 'DELETE', `${url()}/${id}`, adminRole.headers)).status).toBe(204);
    expect((await call(app(), 'GET', `${url()}/${id}`, adminRole.headers)).status).toBe(404);
  });

  it('answers 400 listing every bad permission, 409 for a taken name, 400 for a built-in name', async () => {
    const bad = await call(app(), 'POST', url(), adminRole.headers, { name: 'broken', permissions: ['prompts:read', 'prompts:fly', 'nothing', 'a:b:c'] });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED, details: { invalidPermissions: ['prompts:fly', 'nothing', 'a:b:c'] } } } });
    await call(app(), 'POST', url(), adminRole.headers, { name: 'twice', permissions: [] });
    expect((await call(app(), 'POST', url(), adminRole.headers, { name: 'twice', permissions: [] })).body.error.code).toBe(ErrorCode.CONFLICT);
    expect((await call(app(), 'POST', url(), adminRole.headers, { name: 'admin', permissions: [] })).status).toBe(400);
    expect((await call(app(), 'POST', url(), adminRole.headers, { name: 'Bad Name', permissions: [] })).status).toBe(400);
    const created = await call(app(), 'POST', url(), adminRole.headers, { name: 'patch-me', permissions: [] });
    expect((await call(app(), 'PATCH', `${url()}/${created.body.id}`, adminRole.headers, { permissions: ['x:y'] })).body.error.details.invalidPermissions).toEqual(['x:y']);
  });

  it('refuses to write permissions the caller does not hold', async () => {
    const denied = await call(app(), 'POST', url(), adminRole.headers, { name: 'sneaky', permissions: ['workspace:write', 'audit:write'] });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN, details: { missing: ['audit:write', 'workspace:write'] } } } });
    expect((await call(app(), 'POST', url(), owner.headers, { name: 'sneaky', permissions: ['workspace:write'] })).status).toBe(201);
  });

  it('refuses to delete a role while someone holds it (409)', async () => {
    const role = await call(app(), 'POST', url(), adminRole.headers, { name: 'held', permissions: ['prompts:read'] });
    const holder = await createMember(app(), wsId, 'custom:held');
    const refused = await call(app(), 'DELETE', `${url()}/${role.body.id}`, adminRole.headers);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT, details: { holders: 1 } } } });
    await call(app(), 'PATCH', `/admin/workspaces/${wsId}/members/${holder.id}`, adminRole.headers, { role: 'viewer' });
    expect((await call(app(), 'DELETE', `${url()}/${role.body.id}`, adminRole.headers)).status).toBe(204);
  });

  it('a custom role grants exactly its permissions', async () => {
    const role = await call(app(), 'POST', url(), adminRole.headers, { name: 'member-reader', permissions: ['members:read', 'roles:read'] });
    expect(role.status).toBe(201);
    const user = await createMember(app(), wsId, 'custom:member-reader');
    expect((await call(app(), 'GET', `/admin/workspaces/${wsId}/members`, user.headers)).status).toBe(200);
    expect((await call(app(), 'GET', url(), user.headers)).status).toBe(200);
    const denied = await call(app(), 'GET', `/admin/workspaces/${wsId}/provider-accounts`, user.headers);
    expect(denied).toMatchObject({ status: 403, body: { error: { details: { permission: 'providers:read' } } } });
    expect((await call(app(), 'POST', url(), user.headers, { name: 'nope', permissions: [] })).status).toBe(403);
    expect((await call(app(), 'GET', `/admin/workspaces/${wsId}`, user.headers)).status).toBe(403);

    await call(app(), 'PATCH', `${url()}/${role.body.id}`, adminRole.headers, { permissions: ['members:read', 'roles:read', 'providers:read'] });
    expect((await call(app(), 'GET', `/admin/workspaces/${wsId}/provider-accounts`, user.headers)).status).toBe(200);
  });

  it('another workspace’s roles answer 404 and never show in the list', async () => {
    const other = await createWorkspace(app());
    const otherOwner = await createMember(app(), other.id, 'owner');
    const foreign = await call(app(), 'POST', url(other.id), otherOwner.headers, { name: 'foreign-role', permissions: [] });
    const id = foreign.body.id;
    expect((await call(app(), 'GET', `${url()}/${id}`, owner.headers)).status).toBe(404);
    expect((await call(app(), 'PATCH', `${url()}/${id}`, owner.headers, { description: 'x' })).status).toBe(404);
    expect((await call(app(), 'DELETE', `${url()}/${id}`, owner.headers)).status).toBe(404);
    expect((await call(app(), 'GET', `${url()}/${OTHER_UUID}`, owner.headers)).status).toBe(404);
    expect((await call(app(), 'GET', url(other.id), owner.headers)).status).toBe(404);
    expect((await call(app(), 'GET', url(), owner.headers)).raw).not.toContain('foreign-role');
    // custom role names are per workspace: the same name elsewhere is a different role
    const user = await createMember(app(), (await createWorkspace(app())).id, 'viewer');
    const unknown = await call(app(), 'POST', `/admin/workspaces/${wsId}/members`, owner.headers, { email: user.email, role: 'foreign-role' });
    expect(unknown.body.error.code).toBe(ErrorCode.UNKNOWN_ROLE);
  });

  it('viewers and approvers cannot write roles', async () => {
    const role = await call(app(), 'POST', url(), adminRole.headers, { name: 'target', permissions: [] });
    for (const name of ['viewer', 'approver', 'developer']) {
      const caller = await createMember(app(), wsId, name);
      for (const [method, path, body] of [
        ['POST', url(), { name: 'x-role', permissions: [] }],
        ['PATCH', `${url()}/${role.body.id}`, { description: 'x' }],
        ['DELETE', `${url()}/${role.body.id}`, undefined],
      ] as const) {
        const denied = await call(app(), method, path, caller.headers, body);
        expect(denied.status, `${name} ${method}`).toBe(403);
        expect(denied.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
  });
});
