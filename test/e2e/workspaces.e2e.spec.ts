import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, firstRunAdmin, OTHER_UUID } from './workspaces.support';

describe('workspaces admin API', () => {
  let subject: TestApp;
  let admin: Awaited<ReturnType<typeof firstRunAdmin>>;

  beforeAll(async () => {
    subject = await startTestApp();
    admin = await firstRunAdmin(subject);
  });
  afterAll(async () => {
    await subject?.close();
  });

  const app = () => subject.app;

  it('lists only the caller’s workspaces with their role; a superadmin sees all', async () => {
    const ws = await createWorkspace(app());
    const other = await createWorkspace(app());
    const viewer = await createMember(app(), ws.id, 'viewer');
    const mine = await call(app(), 'GET', '/admin/workspaces', viewer.headers);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: ws.id, slug: ws.slug, role: 'viewer', roleKind: 'builtin' })]);

    const all = await call(app(), 'GET', '/admin/workspaces', admin.headers);
    const ids = all.body.map((row: { id: string }) => row.id);
    expect(ids).toEqual(expect.arrayContaining([admin.workspaceId, ws.id, other.id]));
    expect(all.body.find((row: { id: string }) => row.id === admin.workspaceId).role).toBe('owner');
    expect(all.body.find((row: { id: string }) => row.id === other.id).role).toBeNull();
  });

  it('lists the one workspace of a service-account key', async () => {
    const ws = await createWorkspace(app());
    const key = await createServiceAccountKey(app(), ws.id, 'admin');
    const listed = await call(app(), 'GET', '/admin/workspaces', key.headers);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: ws.id, role: 'admin' })]);
  });

  it('lets a superadmin create a workspace owned by the caller or by ownerEmail', async () => {
    const created = await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'team-alpha', name: 'Team Alpha' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'team-alpha', name: 'Team Alpha', role: 'owner' });
    const owners = await app().get(DataSource).query(`SELECT user_id, role FROM workspace_members WHERE workspace_id = $1`, [created.body.id]);
    expect(owners).toEqual([{ user_id: admin.id, role: 'owner' }]);
    const readBack = await call(app(), 'GET', `/admin/workspaces/${created.body.id}`, admin.headers);
    expect(readBack.body).toMatchObject({ id: created.body.id, role: 'owner' });

    const someone = await createMember(app(), admin.workspaceId, 'viewer');
    const forSomeone = await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'team-beta', name: 'Beta', ownerEmail: someone.email.toUpperCase() });
    expect(forSomeone.status).toBe(201);
    expect(forSomeone.body.role).toBeNull();
    const theirs = await call(app(), 'GET', `/admin/workspaces/${forSomeone.body.id}`, someone.headers);
    expect(theirs.body).toMatchObject({ role: 'owner' });
  });

  it('refuses creation by non-superadmins, duplicate slugs, bad bodies and unknown owners', async () => {
    const owner = await createMember(app(), admin.workspaceId, 'owner');
    expect((await call(app(), 'POST', '/admin/workspaces', owner.headers, { slug: 'x-1', name: 'X' })).body.error.code).toBe(ErrorCode.FORBIDDEN);
    const key = await createServiceAccountKey(app(), admin.workspaceId, 'owner');
    expect((await call(app(), 'POST', '/admin/workspaces', key.headers, { slug: 'x-2', name: 'X' })).status).toBe(403);
    await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'dup-slug', name: 'One' });
    const duplicate = await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'dup-slug', name: 'Two' });
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    const bad = await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'Not A Slug', name: '', extra: 1 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
    expect(bad.body.error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(expect.arrayContaining(['slug', 'name']));
    const nobody = await call(app(), 'POST', '/admin/workspaces', admin.headers, { slug: 'orphan', name: 'O', ownerEmail: 'nobody@example.com' });
    expect(nobody).toMatchObject({ status: 404, body: { error: { code: ErrorCode.NOT_FOUND } } });
    expect((await call(app(), 'GET', '/admin/workspaces', {})).status).toBe(401);
  });

  it('reads and renames with workspace:read|write; others get 403, non-members 404', async () => {
    const ws = await createWorkspace(app());
    const owner = await createMember(app(), ws.id, 'owner');
    const adminRole = await createMember(app(), ws.id, 'admin');
    const viewer = await createMember(app(), ws.id, 'viewer');
    const stranger = await createMember(app(), (await createWorkspace(app())).id, 'owner');

    expect((await call(app(), 'GET', `/admin/workspaces/${ws.id}`, viewer.headers)).body).toMatchObject({ id: ws.id, role: 'viewer' });
    expect((await call(app(), 'GET', `/admin/workspaces/${ws.id}`, stranger.headers)).status).toBe(404);
    expect((await call(app(), 'GET', `/admin/workspaces/${OTHER_UUID}`, owner.headers)).status).toBe(404);
    for (const user of [viewer, adminRole]) {
      const denied = await call(app(), 'PATCH', `/admin/workspaces/${ws.id}`, user.headers, { name: 'Nope' });
      expect(denied).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
    }
    const renamed = await call(app(), 'PATCH', `/admin/workspaces/${ws.id}`, owner.headers, { name: 'Renamed', slug: `${ws.slug}-x` });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Renamed', slug: `${ws.slug}-x`, role: 'owner' } });
    const taken = await call(app(), 'PATCH', `/admin/workspaces/${ws.id}`, owner.headers, { slug: 'default' });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    expect((await call(app(), 'PATCH', `/admin/workspaces/${ws.id}`, stranger.headers, { name: 'x' })).status).toBe(404);
  });

  it('deletes with workspace:write (owners), cleans its policies, and never deletes the last workspace', async () => {
    const ws = await createWorkspace(app());
    const owner = await createMember(app(), ws.id, 'owner');
    const adminRole = await createMember(app(), ws.id, 'admin');
    const key = await createServiceAccountKey(app(), ws.id, 'admin');
    expect((await call(app(), 'DELETE', `/admin/workspaces/${ws.id}`, adminRole.headers)).status).toBe(403);
    expect((await call(app(), 'DELETE', `/admin/workspaces/${ws.id}`, key.headers)).status).toBe(403);
    expect((await call(app(), 'DELETE', `/admin/workspaces/${ws.id}`, owner.headers)).status).toBe(204);
    const left = await app().get(DataSource).query(`SELECT count(*)::int AS n FROM casbin_rule WHERE v1 = $1 OR v2 = $1`, [ws.id]);
    expect(left[0].n).toBe(0);
    expect((await call(app(), 'GET', `/admin/workspaces/${ws.id}`, owner.headers)).status).toBe(404);
    expect((await call(app(), 'DELETE', `/admin/workspaces/${ws.id}`, admin.headers)).status).toBe(404);
  });

  it('refuses to delete the last workspace with 409', async () => {
    const lone = await startTestApp();
    try {
      const root = await firstRunAdmin(lone);
      const refused = await call(lone.app, 'DELETE', `/admin/workspaces/${root.workspaceId}`, root.headers);
      expect(refused).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    } finally {
      await lone.close();
    }
  });
});
