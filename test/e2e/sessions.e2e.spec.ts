import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { UserEntity } from '../../src/auth/entities/user.entity';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const ADMIN = { email: 'admin@portico.local', password: 'test-admin-password-123' };
const PASSWORD = 'member-password-12345';

describe('sessions (login, refresh, logout, password, me)', () => {
  let subject: TestApp;
  let workspaceId: string;
  let memberHash: string;

  const post = (url: string, payload: unknown, options: { ip?: string; headers?: Record<string, string> } = {}) =>
    subject.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: options.ip ?? freshIp(), headers: options.headers });
  const login = (email: string, password: string, ip?: string) => post('/auth/login', { email, password }, { ip });
  const member = (options: { email?: string } = {}) => createMember(subject.app, workspaceId, 'developer', { passwordHash: memberHash, ...options });

  beforeAll(async () => {
    subject = await startTestApp();
    workspaceId = (await createWorkspace(subject.app)).id;
    memberHash = await new DefaultPasswordHashingStrategy().hash(PASSWORD);
  });
  afterAll(async () => {
    await subject?.close();
  });

  describe('POST /auth/login', () => {
    it('signs in the first-run admin and the access token works on GET /auth/me', async () => {
      const response = await login(ADMIN.email, ADMIN.password);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: ADMIN.email, displayName: 'Administrator', isSuperadmin: true } });
      expect(body.refreshToken).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
      const me = await subject.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ kind: 'user', via: 'access_token', user: { id: body.user.id, email: ADMIN.email }, workspaces: [{ slug: 'default', role: 'owner' }] });
    });

    it('accepts the e-mail in any case', async () => {
      expect((await login('Admin@Portico.LOCAL', ADMIN.password)).statusCode).toBe(200);
    });

    it('answers unknown account, wrong password, SSO-only and disabled accounts with byte-identical bodies but the request id', async () => {
      const sso = await createMember(subject.app, workspaceId, 'viewer');
      const disabled = await member();
      await subject.app.get(DataSource).getRepository(UserEntity).update({ id: disabled.id }, { disabledAt: new Date() });
      const answers = await Promise.all([
        login(`nobody-${randomBytes(3).toString('hex')}@example.com`, PASSWORD),
        login(ADMIN.email, 'wrong-password-123456'),
        login(sso.email, PASSWORD),
        login(disabled.email, PASSWORD),
      ]);
      const normalized = answers.map((answer) => {
        expect(answer.statusCode).toBe(401);
        expect(answer.json().error.code).toBe(ErrorCode.INVALID_CREDENTIALS);
        return answer.body.replace(answer.json().error.requestId, 'REQUEST-ID');
      });
      expect(new Set(normalized).size).toBe(1);
    });

    it('refuses a malformed body with 400 VALIDATION_FAILED', async () => {
      const response = await post('/auth/login', { email: ADMIN.email });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { issues: [{ path: 'password' }] } });
    });

    it('locks an account after 5 failures: 429 LOGIN_LOCKED with retry-after, even for the right password', async () => {
      const user = await member();
      for (let attempt = 0; attempt < 5; attempt++) expect((await login(user.email, 'wrong-password-123456')).statusCode).toBe(401);
      const locked = await login(user.email, PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error).toMatchObject({ code: ErrorCode.LOGIN_LOCKED, status: 429 });
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(25);
      expect(retryAfter).toBeLessThanOrEqual(30);
    });

    it('locks unknown e-mails the same way, so the lock reveals nothing', async () => {
      const email = `ghost-${randomBytes(3).toString('hex')}@example.com`;
      for (let attempt = 0; attempt < 5; attempt++) expect((await login(email, 'whatever-password')).statusCode).toBe(401);
      expect((await login(email, 'whatever-password')).statusCode).toBe(429);
    });

    it('locks a client address after 20 failures across accounts', async () => {
      const ip = freshIp();
      for (let attempt = 0; attempt < 20; attempt++) {
        expect((await login(`spray-${attempt}-${randomBytes(2).toString('hex')}@example.com`, 'guess-password-1', ip)).statusCode).toBe(401);
      }
      const user = await member();
      const locked = await login(user.email, PASSWORD, ip);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBeDefined();
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('resets the account counter on success', async () => {
      const user = await member();
      for (let attempt = 0; attempt < 4; attempt++) await login(user.email, 'wrong-password-123456');
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(user.email, 'wrong-password-123456')).statusCode).toBe(401);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('POST /auth/refresh and /auth/logout', () => {
    const refresh = (refreshToken: string) => post('/auth/refresh', { refreshToken });

    it('rotates: new tokens, same session id, and the old refresh token stops working', async () => {
      const first = (await login(ADMIN.email, ADMIN.password)).json();
      const rotated = await refresh(first.refreshToken);
      expect(rotated.statusCode).toBe(200);
      const second = rotated.json();
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.email).toBe(ADMIN.email);
      expect(sessionIdOf(second.accessToken)).toBe(sessionIdOf(first.accessToken));
      expect((await refresh(second.refreshToken)).statusCode).toBe(200);
    });

    it('treats reuse of a used token as theft: 401 REFRESH_TOKEN_REUSED and the whole family is revoked', async () => {
      const first = (await login(ADMIN.email, ADMIN.password)).json();
      const second = (await refresh(first.refreshToken)).json();
      const replay = await refresh(first.refreshToken);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe(ErrorCode.REFRESH_TOKEN_REUSED);
      const afterTheft = await refresh(second.refreshToken);
      expect(afterTheft.statusCode).toBe(401);
      expect(afterTheft.json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
    });

    it('refuses unknown and expired tokens with 401 REFRESH_TOKEN_INVALID', async () => {
      const unknown = await refresh(`prt_${randomBytes(32).toString('base64url')}`);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
      const session = (await login(ADMIN.email, ADMIN.password)).json();
      await subject.app.get(DataSource).query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [
        sessionIdOf(session.accessToken),
      ]);
      const expired = await refresh(session.refreshToken);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
    });

    it('refuses to refresh for a user disabled since sign-in', async () => {
      const user = await member();
      const session = (await login(user.email, PASSWORD)).json();
      await subject.app.get(DataSource).getRepository(UserEntity).update({ id: user.id }, { disabledAt: new Date() });
      const response = await refresh(session.refreshToken);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
    });

    it('logout revokes only that session and answers 204', async () => {
      const ended = (await login(ADMIN.email, ADMIN.password)).json();
      const other = (await login(ADMIN.email, ADMIN.password)).json();
      const response = await post('/auth/logout', { refreshToken: ended.refreshToken });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect((await refresh(ended.refreshToken)).json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
      expect((await refresh(other.refreshToken)).statusCode).toBe(200);
      expect((await post('/auth/logout', { refreshToken: 'prt_unknown' })).statusCode).toBe(204);
    });

    it('refuses a body without a refresh token with 400', async () => {
      const response = await post('/auth/refresh', {});
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
    });
  });

  describe('POST /auth/password', () => {
    const change = (token: string, currentPassword: string, newPassword: string, ip?: string) =>
      post('/auth/password', { currentPassword, newPassword }, { ip, headers: { authorization: `Bearer ${token}` } });

    it('changes the password, ends every session and only the new password signs in', async () => {
      const user = await member();
      const one = (await login(user.email, PASSWORD)).json();
      const two = (await login(user.email, PASSWORD)).json();
      const response = await change(one.accessToken, PASSWORD, 'a-brand-new-password-42');
      expect(response.statusCode).toBe(204);
      for (const session of [one, two]) {
        expect((await post('/auth/refresh', { refreshToken: session.refreshToken })).json().error.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
      }
      expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
      expect((await login(user.email, 'a-brand-new-password-42')).statusCode).toBe(200);
      const stored = await subject.app.get(DataSource).getRepository(UserEntity).findOneByOrFail({ id: user.id });
      expect(stored.passwordChangedAt).toBeInstanceOf(Date);
    });

    it('refuses a wrong current password with 401 INVALID_CREDENTIALS and locks after 5', async () => {
      const user = await member();
      const session = (await login(user.email, PASSWORD)).json();
      for (let attempt = 0; attempt < 5; attempt++) {
        const wrong = await change(session.accessToken, 'not-my-password-123', 'another-password-123');
        expect(wrong.statusCode).toBe(401);
        expect(wrong.json().error.code).toBe(ErrorCode.INVALID_CREDENTIALS);
      }
      const locked = await change(session.accessToken, PASSWORD, 'another-password-123');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe(ErrorCode.LOGIN_LOCKED);
      expect(locked.headers['retry-after']).toBeDefined();
    });

    it('refuses passwords outside 12..256 characters or equal to the current one with 422 PASSWORD_POLICY', async () => {
      const user = await member();
      const session = (await login(user.email, PASSWORD)).json();
      for (const next of ['short-pass', 'x'.repeat(257), PASSWORD]) {
        const response = await change(session.accessToken, PASSWORD, next);
        expect(response.statusCode).toBe(422);
        expect(response.json().error.code).toBe(ErrorCode.PASSWORD_POLICY);
      }
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('is refused to API keys (403) and to anonymous callers (401)', async () => {
      const key = await createServiceAccountKey(subject.app, workspaceId, 'admin');
      const withKey = await post('/auth/password', { currentPassword: 'x', newPassword: 'another-password-123' }, { headers: key.headers });
      expect(withKey.statusCode).toBe(403);
      expect(withKey.json().error.code).toBe(ErrorCode.FORBIDDEN);
      const anonymous = await post('/auth/password', { currentPassword: 'x', newPassword: 'another-password-123' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe(ErrorCode.UNAUTHENTICATED);
    });
  });

  describe('GET /auth/me', () => {
    it('lists a user’s workspaces with their roles', async () => {
      const second = await createWorkspace(subject.app);
      const user = await member();
      await subject.app.get(DataSource).query(`INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, 'viewer')`, [second.id, user.id]);
      const response = await subject.app.inject({ method: 'GET', url: '/auth/me', headers: user.headers });
      expect(response.statusCode).toBe(200);
      const roles = Object.fromEntries(response.json().workspaces.map((workspace: { id: string; role: string }) => [workspace.id, workspace.role]));
      expect(roles).toEqual({ [workspaceId]: 'developer', [second.id]: 'viewer' });
    });

    it('describes a service-account key: the account and its one workspace', async () => {
      const key = await createServiceAccountKey(subject.app, workspaceId, 'viewer');
      const response = await subject.app.inject({ method: 'GET', url: '/auth/me', headers: key.headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        kind: 'service_account',
        via: 'api_key',
        apiKeyId: key.keyId,
        serviceAccount: { id: key.serviceAccountId, role: 'viewer' },
        workspaces: [{ id: workspaceId, role: 'viewer' }],
      });
    });

    it('answers 401 UNAUTHENTICATED without a credential', async () => {
      const response = await subject.app.inject({ method: 'GET', url: '/auth/me' });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe(ErrorCode.UNAUTHENTICATED);
    });
  });

  it('documents every /auth route with request and response bodies', async () => {
    const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(document.paths['/auth/login'].post.requestBody.content['application/json'].schema.$ref).toMatch(/LoginRequestDto/);
    expect(document.paths['/auth/login'].post.responses['200'].content['application/json'].schema.$ref).toMatch(/SessionTokensDto/);
    for (const path of ['/auth/refresh', '/auth/logout', '/auth/password']) expect(document.paths[path].post.requestBody).toBeDefined();
    expect(document.paths['/auth/me'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/MeDto/);
  });
});

let ipCounter = 0;
/** Each test signs in from its own address so the per-address counter of one test never locks another. */
function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

function sessionIdOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')).sid;
}
