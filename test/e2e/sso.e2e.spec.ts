import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/common/crypto/secret-box';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { browseToCallback, startOidcServer, type OidcTestServer } from '../support/oidc-server';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

/** A fetch response body as the loosely typed JSON the assertions read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = (response: Response): Promise<any> => response.json();

describe('OIDC single sign-on against a real OpenID Provider', () => {
  let subject: TestApp;
  let idp: OidcTestServer;
  let base: string;
  let workspaceId: string;
  let owner: TestUser;
  let connectionId: string;

  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object, user: TestUser = owner) =>
    subject.app.inject({ method, url: `/admin/workspaces/${workspaceId}/sso-connections${path}`, payload, headers: user.headers });
  const connectionBody = (overrides: object = {}) => ({
    name: `idp-${Math.random().toString(36).slice(2, 8)}`,
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid email profile groups',
    roleClaim: 'groups',
    roleMapping: { 'llm-admins': 'admin', staff: 'developer' },
    ...overrides,
  });
  const isCallback = (url: URL) => url.origin === base && url.pathname === '/auth/sso/callback';
  /** Drives the browser from Portico's authorize URL through the IdP, stopping at the callback. */
  const signInAt = (login: string, id = connectionId, query = '') => browseToCallback(`${base}/auth/sso/${id}/authorize${query}`, login, isCallback);
  const callback = (url: URL) => fetch(url, { redirect: 'manual' });

  beforeAll(async () => {
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startOidcServer({
      redirectUri: `${base}/auth/sso/callback`,
      accounts: [
        { sub: 'alice', email: 'Alice@Example.com', name: 'Alice Liddell', groups: ['staff'] },
        { sub: 'bob', email: 'bob@example.com', groups: ['outsiders'] },
        { sub: 'carol', email: 'carol@example.com', groups: 'staff' as unknown as string[] },
        { sub: 'mallory', email: 'admin@portico.local', groups: ['staff'] },
      ],
    });
    subject = await startTestApp();
    await subject.app.listen(port, '127.0.0.1');
    workspaceId = (await createWorkspace(subject.app)).id;
    owner = await createMember(subject.app, workspaceId, 'owner');
    const created = await admin('POST', '', connectionBody({ name: 'Test IdP' }));
    expect(created.statusCode).toBe(201);
    connectionId = created.json().id;
  });
  afterAll(async () => {
    await subject?.close();
    await idp?.close();
  });

  describe('sign-in', () => {
    it('runs authorize → IdP sign-in and consent → callback, and the session carries the mapped role', async () => {
      const landing = await signInAt('alice');
      expect(landing.searchParams.get('code')).toBeTruthy();
      const response = await callback(landing);
      expect(response.status).toBe(200);
      const tokens = await read(response);
      expect(tokens).toMatchObject({ tokenType: 'Bearer', user: { email: 'alice@example.com', displayName: 'Alice Liddell', isSuperadmin: false } });
      expect(tokens.refreshToken).toMatch(/^prt_/);

      const me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
      expect(me.status).toBe(200);
      expect((await read(me)).workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'developer' })]);
      const refreshed = await fetch(`${base}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: tokens.refreshToken }) });
      expect(refreshed.status).toBe(200);
    });

    it('sends PKCE S256, state and nonce, and stores only the state hash and a sealed verifier', async () => {
      const response = await fetch(`${base}/auth/sso/${connectionId}/authorize`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(location.origin).toBe(idp.issuer);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        client_id: idp.clientId,
        response_type: 'code',
        code_challenge_method: 'S256',
        redirect_uri: `${base}/auth/sso/callback`,
        scope: 'openid email profile groups',
      });
      for (const parameter of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(parameter)).toBeTruthy();
      const stateHash = createHash('sha256').update(location.searchParams.get('state')!).digest();
      const [row] = await subject.app.get(DataSource).query(`SELECT code_verifier_enc, expires_at - created_at AS ttl FROM sso_login_states WHERE state_hash = $1`, [stateHash]);
      expect(row.code_verifier_enc).toMatch(/^v1\./);
      expect(row.ttl).toMatchObject({ minutes: 10 });
    });

    it('keeps the same user across sign-ins and follows the IdP when groups change', async () => {
      const first = await read(await callback(await signInAt('alice')));
      idp.setAccount({ sub: 'alice', email: 'alice@example.com', groups: ['staff', 'llm-admins'] });
      const second = await read(await callback(await signInAt('alice')));
      expect(second.user.id).toBe(first.user.id);
      const me = await read(await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${second.accessToken}` } }));
      expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'admin' })]);
      const [identities] = await subject.app.get(DataSource).query(`SELECT count(*)::int AS n FROM user_identities WHERE subject = 'alice'`);
      expect(identities.n).toBe(1);
    });

    it('accepts a role claim given as a single string', async () => {
      const tokens = await read(await callback(await signInAt('carol')));
      expect(tokens.user.email).toBe('carol@example.com');
    });

    it('creates SSO users without a password: password sign-in refuses them', async () => {
      const response = await subject.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'carol@example.com', password: 'any-password-123' } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    });

    it('echoes a same-origin returnTo and refuses an off-site one', async () => {
      const tokens = await read(await callback(await signInAt('alice', connectionId, '?returnTo=%2Fconsole%3Ftab%3Dkeys')));
      expect(tokens.returnTo).toBe('/console?tab=keys');
      const offsite = await fetch(`${base}/auth/sso/${connectionId}/authorize?returnTo=https%3A%2F%2Fevil.example`, { redirect: 'manual' });
      expect(offsite.status).toBe(400);
      expect((await read(offsite)).error.code).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it('refuses a state it never issued with 401 SSO_FAILED', async () => {
      const landing = await signInAt('alice');
      landing.searchParams.set('state', 'forged-state-value');
      const response = await callback(landing);
      expect(response.status).toBe(401);
      expect((await read(response)).error.code).toBe(ErrorCode.SSO_FAILED);
      const missing = await fetch(`${base}/auth/sso/callback?code=abc`);
      expect((await read(missing)).error).toMatchObject({ code: ErrorCode.SSO_FAILED, status: 401 });
    });

    it('answers 401 SSO_FAILED when the code exchange fails, and burns the state', async () => {
      const landing = await signInAt('alice');
      const code = landing.searchParams.get('code')!;
      landing.searchParams.set('code', `${code}tampered`);
      const response = await callback(landing);
      expect(response.status).toBe(401);
      expect((await read(response)).error.code).toBe(ErrorCode.SSO_FAILED);
      landing.searchParams.set('code', code);
      expect((await callback(landing)).status).toBe(401);
    });

    it('answers 401 SSO_FAILED when the user cancels at the IdP', async () => {
      const [state] = [new URL((await fetch(`${base}/auth/sso/${connectionId}/authorize`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('state')!];
      const response = await fetch(`${base}/auth/sso/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`);
      expect(response.status).toBe(401);
      expect((await read(response)).error).toMatchObject({ code: ErrorCode.SSO_FAILED, details: { idpError: 'access_denied' } });
    });

    it('derives the callback from the Host header and ignores x-forwarded-* unless the proxy is trusted', async () => {
      const response = await subject.app.inject({
        method: 'GET',
        url: `/auth/sso/${connectionId}/authorize`,
        headers: { host: 'gateway.example:8443', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      });
      expect(response.statusCode).toBe(302);
      expect(new URL(response.headers.location as string).searchParams.get('redirect_uri')).toBe('http://gateway.example:8443/auth/sso/callback');
    });

    it('accepts a state once: replaying the callback is 401 SSO_FAILED', async () => {
      const landing = await signInAt('alice');
      expect((await callback(landing)).status).toBe(200);
      const replay = await callback(landing);
      expect(replay.status).toBe(401);
      expect((await read(replay)).error.code).toBe(ErrorCode.SSO_FAILED);
    });

    it('refuses an expired state with 401 SSO_FAILED', async () => {
      const landing = await signInAt('alice');
      await subject.app.get(DataSource).query(`UPDATE sso_login_states SET expires_at = now() - interval '1 second'`);
      const response = await callback(landing);
      expect(response.status).toBe(401);
      expect((await read(response)).error.code).toBe(ErrorCode.SSO_FAILED);
    });

    it('refuses a user no mapping matches when there is no default role: 403 SSO_NO_ROLE', async () => {
      const response = await callback(await signInAt('bob'));
      expect(response.status).toBe(403);
      expect((await read(response)).error.code).toBe(ErrorCode.SSO_NO_ROLE);
      const [users] = await subject.app.get(DataSource).query(`SELECT count(*)::int AS n FROM users WHERE email = 'bob@example.com'`);
      expect(users.n).toBe(0);
    });

    it('gives the default role to unmapped users once one is set', async () => {
      expect((await admin('PATCH', `/${connectionId}`, { defaultRole: 'viewer' })).statusCode).toBe(200);
      const tokens = await read(await callback(await signInAt('bob')));
      const me = await read(await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } }));
      expect(me.workspaces).toEqual([expect.objectContaining({ role: 'viewer' })]);
      expect((await admin('PATCH', `/${connectionId}`, { defaultRole: null })).statusCode).toBe(200);
    });

    it('never attaches an IdP identity to an existing account by e-mail (409 CONFLICT)', async () => {
      const response = await callback(await signInAt('mallory'));
      expect(response.status).toBe(409);
      expect((await read(response)).error.code).toBe(ErrorCode.CONFLICT);
    });

    it('refuses a redirect_uri other than its own callback (400) and unknown or disabled connections (404)', async () => {
      const elsewhere = await fetch(`${base}/auth/sso/${connectionId}/authorize?redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, { redirect: 'manual' });
      expect(elsewhere.status).toBe(400);
      expect((await read(elsewhere)).error.code).toBe(ErrorCode.VALIDATION_FAILED);
      const own = await fetch(`${base}/auth/sso/${connectionId}/authorize?redirect_uri=${encodeURIComponent(`${base}/auth/sso/callback`)}`, { redirect: 'manual' });
      expect(own.status).toBe(302);
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const unknown = await fetch(`${base}/auth/sso/${id}/authorize`, { redirect: 'manual' });
        expect(unknown.status).toBe(404);
      }
      const disabled = (await admin('POST', '', connectionBody({ enabled: false }))).json();
      const response = await fetch(`${base}/auth/sso/${disabled.id}/authorize`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect((await read(response)).error.code).toBe(ErrorCode.NOT_FOUND);
    });
  });

  describe('admin API /admin/workspaces/:workspaceId/sso-connections', () => {
    it('creates, reads, lists, updates and deletes; the client secret is write-only', async () => {
      const created = await admin('POST', '', connectionBody({ name: 'crud', clientSecret: 'super-secret-value-9876' }));
      expect(created.statusCode).toBe(201);
      const connection = created.json();
      expect(connection).toMatchObject({ name: 'crud', clientSecretHint: maskSecret('super-secret-value-9876'), defaultRole: null, enabled: true, loginPath: `/auth/sso/${connection.id}/authorize` });
      expect(created.body).not.toContain('super-secret-value');
      expect((await admin('GET', `/${connection.id}`)).json()).toMatchObject({ id: connection.id, clientSecretHint: connection.clientSecretHint });
      expect((await admin('GET', '')).json().map((item: { name: string }) => item.name)).toContain('crud');

      const rotated = await admin('PATCH', `/${connection.id}`, { clientSecret: 'another-secret-value-1111', roleMapping: { ops: 'viewer' } });
      expect(rotated.json()).toMatchObject({ clientSecretHint: maskSecret('another-secret-value-1111'), roleMapping: { ops: 'viewer' }, issuerUrl: idp.issuer });
      const [stored] = await subject.app.get(DataSource).query(`SELECT client_secret_enc FROM sso_connections WHERE id = $1`, [connection.id]);
      expect(stored.client_secret_enc).toMatch(/^v1\./);
      expect(stored.client_secret_enc).not.toContain('another-secret');
      expect((await admin('PATCH', `/${connection.id}`, { clientSecret: null })).json().clientSecretHint).toBeNull();

      expect((await admin('DELETE', `/${connection.id}`)).statusCode).toBe(204);
      expect((await admin('GET', `/${connection.id}`)).statusCode).toBe(404);
    });

    it('hides another workspace’s connections (404)', async () => {
      const other = await createWorkspace(subject.app);
      const otherOwner = await createMember(subject.app, other.id, 'owner');
      const response = await subject.app.inject({ method: 'GET', url: `/admin/workspaces/${other.id}/sso-connections/${connectionId}`, headers: otherOwner.headers });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe(ErrorCode.NOT_FOUND);
      const remove = await subject.app.inject({ method: 'DELETE', url: `/admin/workspaces/${other.id}/sso-connections/${connectionId}`, headers: otherOwner.headers });
      expect(remove.statusCode).toBe(404);
    });

    it('validates the body: issuer, scopes and roles', async () => {
      const insecure = await admin('POST', '', connectionBody({ issuerUrl: 'http://idp.example.com' }));
      expect(insecure.statusCode).toBe(400);
      expect(insecure.json().error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { issues: [{ path: 'issuerUrl' }] } });
      expect((await admin('POST', '', connectionBody({ scopes: 'email profile' }))).json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect((await admin('POST', '', connectionBody({ roleMapping: { x: 'superuser' } }))).json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
      const unknownCustom = await admin('POST', '', connectionBody({ defaultRole: 'custom:nope' }));
      expect(unknownCustom.statusCode).toBe(422);
      expect(unknownCustom.json().error.code).toBe(ErrorCode.UNKNOWN_ROLE);
    });

    it('refuses a duplicate name with 409 CONFLICT', async () => {
      const response = await admin('POST', '', connectionBody({ name: 'Test IdP' }));
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe(ErrorCode.CONFLICT);
    });

    it('needs sso:read to read and sso:write to change; nobody maps a role above their own', async () => {
      const viewer = await createMember(subject.app, workspaceId, 'viewer');
      expect((await admin('GET', '', undefined, viewer)).statusCode).toBe(200);
      const denied = await admin('POST', '', connectionBody(), viewer);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe(ErrorCode.FORBIDDEN);
      const workspaceAdmin = await createMember(subject.app, workspaceId, 'admin');
      expect((await admin('POST', '', connectionBody({ roleMapping: { staff: 'developer' } }), workspaceAdmin)).statusCode).toBe(201);
      const escalation = await admin('POST', '', connectionBody({ roleMapping: { anyone: 'owner' } }), workspaceAdmin);
      expect(escalation.statusCode).toBe(403);
      expect(escalation.json().error.code).toBe(ErrorCode.FORBIDDEN);
    });
  });
});
