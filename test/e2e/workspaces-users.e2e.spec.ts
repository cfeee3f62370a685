import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createWorkspace } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, firstRunAdmin, OTHER_UUID } from './workspaces.support';
import { generateApiKey } from '../../src/auth/api-key-material';
import { ApiKeyEntity } from '../../src/auth/entities/api-key.entity';

describe('platform users admin API (superadmin only)', () => {
  let subject: TestApp;
  let admin: Awaited<ReturnType<typeof firstRunAdmin>>;
  const app = () => subject.app;

  beforeAll(async () => {
    subject = await startTestApp();
    admin = await firstRunAdmin(subject);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('creates a user with a given password, storing only an argon2 hash', async () => {
    const created = await call(app(), 'POST', '/admin/users', admin.headers, { email: 'Dana@Example.com', displayName: 'Dana', password: 'a-long-enough-password' });
    expect(created).toMatchObject({ status: 201, body: { email: 'dana@example.com', displayName: 'Dana', isSuperadmin: false, disabled: false } });
    expect(created.body.generatedPassword).toBeUndefined();
    expect(created.raw).not.toMatch(/argon|hash|a-long-enough-password/);
    const [row] = await app().get(DataSource).query(`SELECT password_hash FROM users WHERE id = $1`, [created.body.id]);
    expect(await new DefaultPasswordHashingStrategy().verify(row.password_hash, 'a-long-enough-password')).toBe(true);
  });

  it('generates a password when none is given and returns it once', async () => {
    const created = await call(app(), 'POST', '/admin/users', admin.headers, { email: 'gen@example.com', displayName: 'Gen', isSuperadmin: true });
    expect(created.body).toMatchObject({ isSuperadmin: true, generatedPassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    const [row] = await app().get(DataSource).query(`SELECT password_hash FROM users WHERE id = $1`, [created.body.id]);
    expect(await new DefaultPasswordHashingStrategy().verify(row.password_hash, created.body.generatedPassword)).toBe(true);
    const listed = await call(app(), 'GET', '/admin/users', admin.headers);
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: created.body.id, email: 'gen@example.com' }));
    expect(listed.raw).not.toContain(created.body.generatedPassword);
    expect(listed.raw).not.toMatch(/argon|passwordHash/);
  });

  it('refuses duplicates (409), weak passwords (PASSWORD_POLICY) and bad bodies (400)', async () => {
    await call(app(), 'POST', '/admin/users', admin.headers, { email: 'dup@example.com', displayName: 'Dup' });
    expect((await call(app(), 'POST', '/admin/users', admin.headers, { email: 'DUP@example.com', displayName: 'Dup' })).body.error.code).toBe(ErrorCode.CONFLICT);
    const weak = await call(app(), 'POST', '/admin/users', admin.headers, { email: 'weak@example.com', displayName: 'W', password: 'short' });
    expect(weak).toMatchObject({ status: 400, body: { error: { code: ErrorCode.PASSWORD_POLICY } } });
    const bad = await call(app(), 'POST', '/admin/users', admin.headers, { email: 'nope', displayName: '', passwordHash: 'x' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
  });

  it('is forbidden to everyone but superadmins, owners included', async () => {
    const owner = await createMember(app(), admin.workspaceId, 'owner');
    for (const [method, url, body] of [
      ['GET', '/admin/users', undefined],
      ['POST', '/admin/users', { email: 'x@example.com', displayName: 'X' }],
      ['PATCH', `/admin/users/${owner.id}`, { displayName: 'X' }],
    ] as const) {
      const denied = await call(app(), method, url, owner.headers, body);
      expect(denied).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
    }
  });

  it('renames, promotes and disables; disabling stops the user’s API keys at once', async () => {
    const ws = await createWorkspace(app());
    const user = await createMember(app(), ws.id, 'admin');
    const material = generateApiKey();
    const key = await app().get(DataSource).getRepository(ApiKeyEntity).save({
      workspaceId: ws.id, publicId: material.publicId, keyHash: material.hash, name: 'personal', ownerType: 'user' as const, ownerId: user.id, scopes: ['admin'],
    });
    await app().get(ApiKeyRegistry).reloadOne(key.id);
    const keyHeaders = { authorization: `Bearer ${material.key}` };
    expect((await call(app(), 'GET', `/admin/workspaces/${ws.id}`, keyHeaders)).status).toBe(200);

    const renamed = await call(app(), 'PATCH', `/admin/users/${user.id}`, admin.headers, { displayName: 'Renamed', isSuperadmin: true });
    expect(renamed).toMatchObject({ status: 200, body: { displayName: 'Renamed', isSuperadmin: true } });
    const disabled = await call(app(), 'PATCH', `/admin/users/${user.id}`, admin.headers, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    await expect.poll(async () => (await call(app(), 'GET', `/admin/workspaces/${ws.id}`, keyHeaders)).status, { timeout: 3000 }).toBe(401);
    await call(app(), 'PATCH', `/admin/users/${user.id}`, admin.headers, { disabled: false });
    await expect.poll(async () => (await call(app(), 'GET', `/admin/workspaces/${ws.id}`, keyHeaders)).status, { timeout: 3000 }).toBe(200);
  });

  it('never leaves the platform without an enabled superadmin; unknown users 404', async () => {
    const solo = await startTestApp();
    try {
      const root = await firstRunAdmin(solo);
      const demote = await call(solo.app, 'PATCH', `/admin/users/${root.id}`, root.headers, { isSuperadmin: false });
      expect(demote).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
      expect((await call(solo.app, 'PATCH', `/admin/users/${root.id}`, root.headers, { disabled: true })).status).toBe(409);
      expect((await call(solo.app, 'PATCH', `/admin/users/${OTHER_UUID}`, root.headers, { displayName: 'x' })).status).toBe(404);
      expect((await call(solo.app, 'PATCH', `/admin/users/nope`, root.headers, { displayName: 'x' })).status).toBe(404);
    } finally {
      await solo.close();
    }
  });
});
