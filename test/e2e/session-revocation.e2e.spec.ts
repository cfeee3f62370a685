import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createWorkspace } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/** Access tokens are stateless for 15 minutes; ending a session must still stop them at once. */
describe('ending a session stops its access tokens on the spot', () => {
  let subject: TestApp;
  let workspaceId: string;
  const password = 'a-long-enough-password-1';

  const login = async (email: string) => {
    const response = await subject.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    return { refreshToken: body.refreshToken as string, headers: { authorization: `Bearer ${body.accessToken}` } };
  };
  const me = (headers: Record<string, string>) => subject.app.inject({ method: 'GET', url: '/auth/me', headers });
  const eventually = async (check: () => Promise<boolean>) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > 1_000) throw new Error('not within 1 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const refused = async (headers: Record<string, string>) => {
    const response = await me(headers);
    return response.statusCode === 401 && response.json().error.code === ErrorCode.UNAUTHENTICATED;
  };

  beforeAll(async () => {
    subject = await startTestApp();
    workspaceId = (await createWorkspace(subject.app)).id;
  });
  afterAll(async () => {
    await subject?.close();
  });

  const newUser = async () =>
    createMember(subject.app, workspaceId, 'developer', { passwordHash: await new DefaultPasswordHashingStrategy().hash(password) });

  it('after logout, the access token of that session is refused; another session of the same user still works', async () => {
    const user = await newUser();
    const first = await login(user.email);
    const second = await login(user.email);
    expect((await me(first.headers)).statusCode).toBe(200);
    expect((await subject.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: first.refreshToken } })).statusCode).toBe(204);
    await eventually(() => refused(first.headers));
    expect((await me(second.headers)).statusCode).toBe(200);
  });

  it('after a password change, every earlier access token of the user is refused', async () => {
    const user = await newUser();
    const session = await login(user.email);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // tokens carry whole seconds
    const changed = await subject.app.inject({
      method: 'POST',
      url: '/auth/password',
      headers: session.headers,
      payload: { currentPassword: password, newPassword: 'another-long-password-2' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    await eventually(() => refused(session.headers));
  });

  it('after the user is disabled, their access tokens are refused', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const superadmin = await createMember(subject.app, workspaceId, 'owner', { superadmin: true });
    const disabled = await subject.app.inject({ method: 'PATCH', url: `/admin/users/${user.id}`, headers: superadmin.headers, payload: { disabled: true } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await eventually(() => refused(session.headers));
  });
});
