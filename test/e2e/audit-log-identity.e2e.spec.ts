import { DataSource } from 'typeorm';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { browseToCallback, startOidcServer, type OidcTestServer } from '../support/oidc-server';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

interface Row {
  seq: string;
  workspace_id: string | null;
  actor_kind: string;
  actor_id: string;
  action: string;
  resource_id: string;
  before: any;
  after: any;
  request_id: string | null;
}

/** Identity changes made outside `/admin`: roles an IdP grants at SSO sign-in, and password changes. */
describe('audit log of identity changes', () => {
  let subject: TestApp;
  let idp: OidcTestServer;
  let base: string;
  let workspaceId: string;
  let owner: TestUser;
  let connectionId: string;
  const entries = (where: string, params: unknown[]): Promise<Row[]> => subject.app.get(DataSource).query(`SELECT * FROM audit_entries WHERE ${where} ORDER BY workspace_id NULLS FIRST, seq`, params);
  const signIn = async (login: string): Promise<{ user: { id: string } }> => {
    const landing = await browseToCallback(`${base}/auth/sso/${connectionId}/authorize`, login, (url) => url.origin === base && url.pathname === '/auth/sso/callback');
    const response = await fetch(landing, { redirect: 'manual' });
    expect(response.status).toBe(200);
    return (await response.json()) as { user: { id: string } };
  };

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startOidcServer({ redirectUri: `${base}/auth/sso/callback`, accounts: [{ sub: 'dana', email: 'dana@example.com', name: 'Dana', groups: ['staff'] }] });
    subject = await startTestApp();
    await subject.app.listen(port, '127.0.0.1');
    workspaceId = (await createWorkspace(subject.app)).id;
    owner = await createMember(subject.app, workspaceId, 'owner');
    const created = await subject.app.inject({
      method: 'POST',
      url: `/admin/workspaces/${workspaceId}/sso-connections`,
      headers: owner.headers,
      payload: { name: 'corp', issuerUrl: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: 'openid email profile groups', roleMapping: { staff: 'developer', 'llm-admins': 'admin' } },
    });
    expect(created.statusCode).toBe(201);
    connectionId = created.json().id;
  });
  afterAll(async () => {
    await subject?.close();
    await idp?.close();
  });

  it('records the user an SSO sign-in creates and every role its groups grant, as the connection’s doing', async () => {
    const first = await signIn('dana');
    const userId = first.user.id;
    const actor = `sso-connection:${connectionId}`;
    expect(await entries('resource_id = $1', [userId])).toEqual([
      expect.objectContaining({ workspace_id: null, actor_kind: 'system', actor_id: actor, action: 'user.create', after: expect.objectContaining({ email: 'dana@example.com', ssoConnectionId: connectionId }) }),
      expect.objectContaining({ workspace_id: workspaceId, actor_id: actor, action: 'member.add', before: null, after: { userId, email: 'dana@example.com', role: 'developer' } }),
    ]);

    // Signing in again with the same groups changes nothing, so records nothing.
    await signIn('dana');
    expect(await entries('resource_id = $1', [userId])).toHaveLength(2);

    idp.setAccount({ sub: 'dana', email: 'dana@example.com', groups: ['llm-admins'] });
    await signIn('dana');
    const [, , promoted] = await entries('resource_id = $1', [userId]);
    expect(promoted).toMatchObject({ action: 'member.change_role', before: { role: 'developer' }, after: { role: 'admin' } });
  });

  it('records a password change with the request it came from, never the password', async () => {
    const passwordHash = await new DefaultPasswordHashingStrategy().hash('first-password-123');
    const user = await createMember(subject.app, workspaceId, 'viewer', { passwordHash });
    const response = await subject.app.inject({
      method: 'POST',
      url: '/auth/password',
      headers: { ...user.headers, 'x-request-id': 'change-password-1' },
      payload: { currentPassword: 'first-password-123', newPassword: 'second-password-456' },
    });
    expect(response.statusCode).toBe(204);
    const [entry] = await entries(`action = 'user.change_password'`, []);
    expect(entry).toMatchObject({ workspace_id: null, actor_kind: 'user', actor_id: user.id, resource_id: user.id, request_id: 'change-password-1' });
    expect(JSON.stringify(entry)).not.toMatch(/first-password|second-password/);
  });
});
