import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { ProviderAccountSnapshot } from '../../src/providers/provider-account-snapshot';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, OTHER_UUID, type Reply } from './workspaces.support';

const PRIMARY = 'sk-live-PRIMARY-5b1e9d0c7a3f2e84';
const SECOND = 'sk-live-SECOND-0c7a3f2e845b1e9d';
const THIRD = 'sk-live-THIRD-e845b1e9d0c7a3f2';

describe('provider account credentials admin API', () => {
  let subject: TestApp;
  let wsId: string;
  let admin: TestUser;
  let accountId: string;
  const app = () => subject.app;
  const snapshot = () => app().get(ProviderAccountSnapshot);
  const url = (account = accountId, workspaceId = wsId) => `/admin/workspaces/${workspaceId}/provider-accounts/${account}/credentials`;
  const replies: Reply[] = [];
  const record = async (reply: Promise<Reply>) => {
    const settled = await reply;
    replies.push(settled);
    return settled;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    wsId = (await createWorkspace(app())).id;
    admin = await createMember(app(), wsId, 'admin');
    accountId = (await record(call(app(), 'POST', `/admin/workspaces/${wsId}/provider-accounts`, admin.headers, { name: 'multi', pluginId: 'provider-mock', credential: PRIMARY }))).body.id;
  });
  afterAll(async () => {
    for (const reply of replies) for (const secret of [PRIMARY, SECOND, THIRD]) expect(reply.raw).not.toContain(secret);
    await subject?.close();
  });

  it('adds credentials write-only (hint only) and the snapshot rotates through them after the primary', async () => {
    const second = await record(call(app(), 'POST', url(), admin.headers, { credential: SECOND }));
    expect(second).toMatchObject({ status: 201, body: { accountId, credentialHint: 'sk-…1e9d', position: 1 } });
    expect(second.body).not.toHaveProperty('credential');
    expect(second.body).not.toHaveProperty('credentialEnc');
    await record(call(app(), 'POST', url(), admin.headers, { credential: THIRD }));
    const listed = await record(call(app(), 'GET', url(), admin.headers));
    expect(listed.body.map((c: { credentialHint: string; position: number }) => [c.position, c.credentialHint])).toEqual([
      [1, 'sk-…1e9d'],
      [2, 'sk-…a3f2'],
    ]);
    await expect.poll(() => snapshot().get(wsId, 'multi')?.credentials).toEqual([PRIMARY, SECOND, THIRD]);
    expect(snapshot().get(wsId, 'multi')?.credential).toBe(PRIMARY);
  });

  it('deletes a credential (204), then 404; the snapshot drops it', async () => {
    const [first] = (await record(call(app(), 'GET', url(), admin.headers))).body;
    expect((await record(call(app(), 'DELETE', `${url()}/${first.id}`, admin.headers))).status).toBe(204);
    expect((await record(call(app(), 'DELETE', `${url()}/${first.id}`, admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'DELETE', `${url()}/not-a-uuid`, admin.headers))).status).toBe(404);
    await expect.poll(() => snapshot().get(wsId, 'multi')?.credentials).toEqual([PRIMARY, THIRD]);
  });

  it('refuses bad bodies (400) and unknown accounts (404)', async () => {
    for (const body of [{}, { credential: '' }, { credential: 'x', position: 1 }, { credential: 42 }]) {
      const bad = await record(call(app(), 'POST', url(), admin.headers, body));
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    }
    expect((await record(call(app(), 'GET', url(OTHER_UUID), admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'POST', url('not-a-uuid'), admin.headers, { credential: SECOND }))).status).toBe(404);
  });

  it('never shows or touches another workspace’s credentials (404)', async () => {
    const other = await createWorkspace(app());
    const otherAdmin = await createMember(app(), other.id, 'admin');
    const foreignAccount = (await record(call(app(), 'POST', `/admin/workspaces/${other.id}/provider-accounts`, otherAdmin.headers, { name: 'foreign', pluginId: 'provider-mock' }))).body.id;
    const foreign = (await record(call(app(), 'POST', url(foreignAccount, other.id), otherAdmin.headers, { credential: SECOND }))).body;
    expect((await record(call(app(), 'GET', url(foreignAccount), admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'POST', url(foreignAccount), admin.headers, { credential: THIRD }))).status).toBe(404);
    expect((await record(call(app(), 'DELETE', `${url(foreignAccount)}/${foreign.id}`, admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'DELETE', `${url()}/${foreign.id}`, admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', url(foreignAccount, other.id), admin.headers))).status).toBe(404);
    expect((await record(call(app(), 'GET', url(foreignAccount, other.id), otherAdmin.headers))).body).toHaveLength(1);
  });

  it('lets viewers list hints but not add or delete (403)', async () => {
    const [existing] = (await record(call(app(), 'GET', url(), admin.headers))).body;
    const callers = [(await createMember(app(), wsId, 'viewer')).headers, (await createMember(app(), wsId, 'developer')).headers, (await createServiceAccountKey(app(), wsId, 'viewer')).headers];
    for (const headers of callers) {
      expect((await record(call(app(), 'GET', url(), headers))).status).toBe(200);
      const add = await record(call(app(), 'POST', url(), headers, { credential: SECOND }));
      expect(add).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
      expect((await record(call(app(), 'DELETE', `${url()}/${existing.id}`, headers))).status).toBe(403);
    }
  });

  it('cascades with the account and stores only sealed values', async () => {
    const rows = await app().get(DataSource).query(`SELECT row_to_json(t)::text AS row FROM provider_account_credentials t`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) for (const secret of [PRIMARY, SECOND, THIRD]) expect(row).not.toContain(secret);
    expect((await record(call(app(), 'DELETE', `/admin/workspaces/${wsId}/provider-accounts/${accountId}`, admin.headers))).status).toBe(204);
    expect(await app().get(DataSource).query(`SELECT id FROM provider_account_credentials WHERE account_id = $1`, [accountId])).toEqual([]);
    expect((await record(call(app(), 'GET', url(), admin.headers))).status).toBe(404);
  });
});
