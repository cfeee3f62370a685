import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, firstRunAdmin, OTHER_UUID } from './workspaces.support';

describe('workspace members admin API', () => {
  let subject: TestApp;
  let wsId: string;
  let owner: TestUser;
  let adminRole: TestUser;
  const app = () => subject.app;
  const url = (id = wsId) => `/admin/workspaces/${id}/members`;

  beforeAll(async () => {
    subject = await startTestApp();
    wsId = (await createWorkspace(app())).id;
    owner = await createMember(app(), wsId, 'owner');
    adminRole = await createMember(app(), wsId, 'admin');
  });
  afterAll(async () => {
    await subject?.close();
  });

  /** A user who exists on the platform but belongs to no workspace of this test. */
  async function outsider(): Promise<TestUser> {
    return createMember(app(), (await createWorkspace(app())).id, 'viewer');
  }

  it('lists members with user id, e-mail, display name and role; never another workspace’s', async () => {
    const other = await createWorkspace(app());
    const elsewhere = await createMember(app(), other.id, 'owner');
    const listed = await call(app(), 'GET', url(), adminRole.headers);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: owner.id, email: owner.email, role: 'owner', roleKind: 'builtin', displayName: expect.any(String) })]),
    );
    expect(listed.raw).not.toContain(elsewhere.id);
    expect(listed.raw).not.toMatch(/password|hash/i);
    const developer = await createMember(app(), wsId, 'developer');
    expect((await call(app(), 'GET', url(), developer.headers)).status).toBe(403);
    expect((await call(app(), 'GET', url(other.id), owner.headers)).status).toBe(404);
  });

  it('adds an existing user by e-mail; unknown e-mail 404, duplicate 409, unknown role UNKNOWN_ROLE', async () => {
    const user = await outsider();
    const added = await call(app(), 'POST', url(), adminRole.headers, { email: user.email, role: 'developer' });
    expect(added).toMatchObject({ status: 201, body: { userId: user.id, role: 'developer' } });
    expect((await call(app(), 'GET', `/admin/workspaces/${wsId}`, user.headers)).body.role).toBe('developer');

    expect((await call(app(), 'POST', url(), adminRole.headers, { email: 'ghost@example.com', role: 'viewer' })).body.error.code).toBe(ErrorCode.NOT_FOUND);
    expect((await call(app(), 'POST', url(), adminRole.headers, { email: user.email, role: 'viewer' })).body.error.code).toBe(ErrorCode.CONFLICT);
    const unknown = await call(app(), 'POST', url(), adminRole.headers, { email: (await outsider()).email, role: 'wizard' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: ErrorCode.UNKNOWN_ROLE } } });
    const bad = await call(app(), 'POST', url(), adminRole.headers, { email: 'not-an-email', role: 'viewer' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
  });

  it('changes roles and removes members', async () => {
    const user = await outsider();
    await call(app(), 'POST', url(), adminRole.headers, { email: user.email, role: 'viewer' });
    const changed = await call(app(), 'PATCH', `${url()}/${user.id}`, adminRole.headers, { role: 'approver' });
    expect(changed).toMatchObject({ status: 200, body: { role: 'approver' } });
    expect((await call(app(), 'PATCH', `${url()}/${user.id}`, adminRole.headers, { role: 'nope' })).body.error.code).toBe(ErrorCode.UNKNOWN_ROLE);
    expect((await call(app(), 'DELETE', `${url()}/${user.id}`, adminRole.headers)).status).toBe(204);
    expect((await call(app(), 'GET', `/admin/workspaces/${wsId}`, user.headers)).status).toBe(404);
    expect((await call(app(), 'DELETE', `${url()}/${user.id}`, adminRole.headers)).status).toBe(404);
    expect((await call(app(), 'PATCH', `${url()}/${OTHER_UUID}`, adminRole.headers, { role: 'viewer' })).status).toBe(404);
    expect((await call(app(), 'PATCH', `${url()}/not-a-uuid`, adminRole.headers, { role: 'viewer' })).status).toBe(404);
  });

  it('only an owner grants or revokes owner', async () => {
    const user = await outsider();
    const byAdmin = await call(app(), 'POST', url(), adminRole.headers, { email: user.email, role: 'owner' });
    expect(byAdmin).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
    expect((await call(app(), 'POST', url(), owner.headers, { email: user.email, role: 'owner' })).status).toBe(201);
    expect((await call(app(), 'PATCH', `${url()}/${user.id}`, adminRole.headers, { role: 'viewer' })).status).toBe(403);
    expect((await call(app(), 'DELETE', `${url()}/${user.id}`, adminRole.headers)).status).toBe(403);
    expect((await call(app(), 'PATCH', `${url()}/${adminRole.id}`, adminRole.headers, { role: 'owner' })).status).toBe(403);
    expect((await call(app(), 'DELETE', `${url()}/${user.id}`, owner.headers)).status).toBe(204);
  });

  it('keeps at least one owner (LAST_OWNER), also for a superadmin', async () => {
    const ws = await createWorkspace(app());
    const only = await createMember(app(), ws.id, 'owner');
    const demote = await call(app(), 'PATCH', `${url(ws.id)}/${only.id}`, only.headers, { role: 'admin' });
    expect(demote).toMatchObject({ status: 409, body: { error: { code: ErrorCode.LAST_OWNER } } });
    const remove = await call(app(), 'DELETE', `${url(ws.id)}/${only.id}`, only.headers);
    expect(remove).toMatchObject({ status: 409, body: { error: { code: ErrorCode.LAST_OWNER } } });
    const root = await firstRunAdmin(subject);
    expect((await call(app(), 'DELETE', `${url(ws.id)}/${only.id}`, root.headers)).body.error.code).toBe(ErrorCode.LAST_OWNER);
    const second = await outsider();
    await call(app(), 'POST', url(ws.id), only.headers, { email: second.email, role: 'owner' });
    expect((await call(app(), 'DELETE', `${url(ws.id)}/${only.id}`, only.headers)).status).toBe(204);
  });

  it('nobody grants a role carrying permissions they lack', async () => {
    const roleRes = await call(app(), 'POST', `/admin/workspaces/${wsId}/roles`, owner.headers, { name: 'workspace-editor', permissions: ['workspace:write'] });
    expect(roleRes.status).toBe(201);
    const user = await outsider();
    const escalation = await call(app(), 'POST', url(), adminRole.headers, { email: user.email, role: 'workspace-editor' });
    expect(escalation).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN, details: { missing: ['workspace:write'] } } } });
    expect((await call(app(), 'POST', url(), owner.headers, { email: user.email, role: 'custom:workspace-editor' })).body).toMatchObject({ role: 'workspace-editor', roleKind: 'custom' });
  });

  it('viewers and approvers cannot write members', async () => {
    const target = await outsider();
    for (const role of ['viewer', 'approver', 'developer']) {
      const caller = await createMember(app(), wsId, role);
      for (const [method, path, body] of [
        ['POST', url(), { email: target.email, role: 'viewer' }],
        ['PATCH', `${url()}/${adminRole.id}`, { role: 'viewer' }],
        ['DELETE', `${url()}/${adminRole.id}`, undefined],
      ] as const) {
        const denied = await call(app(), method, path, caller.headers, body);
        expect(denied.status, `${role} ${method} ${path}`).toBe(403);
        expect(denied.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
    const key = await createServiceAccountKey(app(), wsId, 'viewer');
    expect((await call(app(), 'POST', url(), key.headers, { email: target.email, role: 'viewer' })).status).toBe(403);
  });
});
