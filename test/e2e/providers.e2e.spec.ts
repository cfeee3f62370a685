import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/common/errors';
import { ProviderAccountSnapshot } from '../../src/providers/provider-account-snapshot';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, firstRunAdmin, OTHER_UUID, type Reply } from './workspaces.support';

const CREDENTIAL = 'sk-live-SECRET-4f9a7c2e1b8d6a3f';

describe('provider accounts admin API', () => {
  let subject: TestApp;
  let wsId: string;
  let adminRole: TestUser;
  const app = () => subject.app;
  const url = (id = wsId) => `/admin/workspaces/${id}/provider-accounts`;
  const replies: Reply[] = [];
  const record = async (reply: Promise<Reply>) => {
    const settled = await reply;
    replies.push(settled);
    return settled;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    wsId = (await createWorkspace(app())).id;
    adminRole = await createMember(app(), wsId, 'admin');
  });
  afterAll(async () => {
    for (const reply of replies) expect(reply.raw).not.toContain(CREDENTIAL);
    await subject?.close();
  });

  it('binds provider-mock as account "mock" in the first workspace at first start', async () => {
    const root = await firstRunAdmin(subject);
    const listed = await record(call(app(), 'GET', url(root.workspaceId), root.headers));
    expect(listed.body).toEqual([expect.objectContaining({ name: 'mock', pluginId: 'provider-mock', enabled: true, hasCredential: false })]);
    expect(app().get(ProviderAccountSnapshot).get(root.workspaceId, 'mock')).toMatchObject({ pluginId: 'provider-mock' });
  });

  it('lists the loaded provider plugins', async () => {
    const plugins = await call(app(), 'GET', `/admin/workspaces/${wsId}/provider-plugins`, adminRole.headers);
    expect(plugins.body).toContainEqual(expect.objectContaining({ id: 'provider-mock', displayName: expect.any(String) }));
  });

  it('creates an account whose credential is write-only: only a masked hint comes back', async () => {
    const created = await record(
      call(app(), 'POST', url(), adminRole.headers, { name: 'openai-prod', pluginId: 'provider-mock', baseUrl: 'https://api.example.com/v1', credential: CREDENTIAL, config: { organization: 'org-1' } }),
    );
    expect(created).toMatchObject({
      status: 201,
      body: { name: 'openai-prod', pluginId: 'provider-mock', baseUrl: 'https://api.example.com/v1', hasCredential: true, credentialHint: 'sk-…6a3f', config: { organization: 'org-1' }, enabled: true },
    });
    expect(created.body).not.toHaveProperty('credential');
    expect(created.body).not.toHaveProperty('credentialEnc');
    const id = created.body.id;
    expect((await record(call(app(), 'GET', `${url()}/${id}`, adminRole.headers))).body).toMatchObject({ id, credentialHint: 'sk-…6a3f' });
    expect((await record(call(app(), 'GET', url(), adminRole.headers))).body.map((a: { name: string }) => a.name)).toContain('openai-prod');
    await expect.poll(() => app().get(ProviderAccountSnapshot).get(wsId, 'openai-prod')?.credential).toBe(CREDENTIAL);
  });

  it('updates fields, replaces or removes the credential, disables and deletes', async () => {
    const created = await record(call(app(), 'POST', url(), adminRole.headers, { name: 'to-edit', pluginId: 'provider-mock', credential: 'first-credential-0001' }));
    const id = created.body.id;
    const replaced = await record(call(app(), 'PATCH', `${url()}/${id}`, adminRole.headers, { credential: CREDENTIAL, name: 'edited', config: { a: 1 } }));
    expect(replaced).toMatchObject({ status: 200, body: { name: 'edited', credentialHint: 'sk-…6a3f', config: { a: 1 } } });
    await expect.poll(() => app().get(ProviderAccountSnapshot).get(wsId, 'edited')?.credential).toBe(CREDENTIAL);
    const disabled = await record(call(app(), 'PATCH', `${url()}/${id}`, adminRole.headers, { enabled: false, baseUrl: null, credential: null }));
    expect(disabled.body).toMatchObject({ enabled: false, baseUrl: null, hasCredential: false, credentialHint: null });
    await expect.poll(() => app().get(ProviderAccountSnapshot).get(wsId, 'edited')).toBeUndefined();
    expect((await record(call(app(), 'DELETE', `${url()}/${id}`, adminRole.headers))).status).toBe(204);
    expect((await record(call(app(), 'GET', `${url()}/${id}`, adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'DELETE', `${url()}/${id}`, adminRole.headers))).status).toBe(404);
  });

  it('refuses unknown plugins (422), duplicates (409) and bad bodies (400)', async () => {
    const unknown = await record(call(app(), 'POST', url(), adminRole.headers, { name: 'nope', pluginId: 'provider-nope', credential: CREDENTIAL }));
    expect(unknown).toMatchObject({ status: 422, body: { error: { code: ErrorCode.UNKNOWN_PROVIDER_PLUGIN, details: { pluginId: 'provider-nope' } } } });
    await record(call(app(), 'POST', url(), adminRole.headers, { name: 'twin', pluginId: 'provider-mock' }));
    const twin = await record(call(app(), 'POST', url(), adminRole.headers, { name: 'twin', pluginId: 'provider-mock', credential: CREDENTIAL }));
    expect(twin).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    for (const body of [
      { name: 'Bad Name', pluginId: 'provider-mock' },
      { name: 'ok', pluginId: 'provider-mock', baseUrl: 'ftp://x' },
      { name: 'ok', pluginId: 'provider-mock', config: 'not-an-object' },
      { name: 'ok', pluginId: 'provider-mock', credentialEnc: 'x' },
      { name: 'ok', pluginId: 'provider-mock', credential: '' },
    ]) {
      const bad = await record(call(app(), 'POST', url(), adminRole.headers, body));
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    }
    const mock = (await call(app(), 'GET', url(), adminRole.headers)).body.find((a: { name: string }) => a.name === 'twin');
    expect((await record(call(app(), 'PATCH', `${url()}/${mock.id}`, adminRole.headers, { pluginId: 'other' }))).status).toBe(400);
    const second = await record(call(app(), 'POST', url(), adminRole.headers, { name: 'twin-two', pluginId: 'provider-mock' }));
    const rename = await record(call(app(), 'PATCH', `${url()}/${second.body.id}`, adminRole.headers, { name: 'twin', credential: CREDENTIAL }));
    expect(rename).toMatchObject({ status: 409, body: { error: { code: ErrorCode.CONFLICT } } });
    expect((await record(call(app(), 'PATCH', `${url()}/${second.body.id}`, adminRole.headers, { name: 'twin-two' }))).status).toBe(200);
  });

  it('never shows or touches another workspace’s accounts (404)', async () => {
    const other = await createWorkspace(app());
    const otherAdmin = await createMember(app(), other.id, 'admin');
    const foreign = await record(call(app(), 'POST', url(other.id), otherAdmin.headers, { name: 'foreign-acct', pluginId: 'provider-mock', credential: CREDENTIAL }));
    const id = foreign.body.id;
    expect((await record(call(app(), 'GET', `${url()}/${id}`, adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'PATCH', `${url()}/${id}`, adminRole.headers, { enabled: false }))).status).toBe(404);
    expect((await record(call(app(), 'DELETE', `${url()}/${id}`, adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', `${url()}/${OTHER_UUID}`, adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', `${url()}/not-a-uuid`, adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', url(other.id), adminRole.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', url(), adminRole.headers))).raw).not.toContain('foreign-acct');
    expect((await record(call(app(), 'GET', `${url(other.id)}/${id}`, otherAdmin.headers))).body.enabled).toBe(true);
  });

  it('viewers, approvers and developers cannot write provider accounts', async () => {
    const target = await record(call(app(), 'POST', url(), adminRole.headers, { name: 'guarded', pluginId: 'provider-mock', credential: CREDENTIAL }));
    const callers = [
      ...(await Promise.all(['viewer', 'approver', 'developer'].map((role) => createMember(app(), wsId, role)))).map((user) => user.headers),
      (await createServiceAccountKey(app(), wsId, 'viewer')).headers,
    ];
    for (const headers of callers) {
      expect((await record(call(app(), 'GET', url(), headers))).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', url(), { name: 'x-acct', pluginId: 'provider-mock' }],
        ['PATCH', `${url()}/${target.body.id}`, { enabled: false }],
        ['DELETE', `${url()}/${target.body.id}`, undefined],
      ] as const) {
        const denied = await record(call(app(), method, path, headers, body));
        expect(denied.status).toBe(403);
        expect(denied.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
  });

  it('keeps the credential out of every table: only its sealed form is stored', async () => {
    const tables: { tablename: string }[] = await app().get(DataSource).query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.length).toBeGreaterThan(5);
    for (const { tablename } of tables) {
      const rows = await app().get(DataSource).query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      for (const { row } of rows) expect(row, tablename).not.toContain(CREDENTIAL);
    }
    const [{ sealed }] = await app().get(DataSource).query(`SELECT credential_enc AS sealed FROM provider_accounts WHERE name = 'openai-prod'`);
    expect(sealed).toMatch(/^v1\./);
  });
});
