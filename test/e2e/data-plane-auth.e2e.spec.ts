import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { createMember, createServiceAccountKey, createWorkspace } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { ANTHROPIC_PROBE_URL, DataPlaneProbeModule, PROBE_URL } from './api-keys.support';

const BOOTSTRAP_KEY = 'ptk_bootstrapAAAA_data-plane-e2e-bootstrap-secret-value';

/** The data-plane authenticator mounted on raw Fastify routes of the full application. */
describe('data-plane key checking', () => {
  let subject: TestApp;
  let workspaceId: string;

  const post = (url: string, headers: Record<string, string>, model = 'openai/gpt-4o-mini') =>
    subject.app.inject({ method: 'POST', url, headers: { ...headers, 'x-request-id': 'dp-1' }, payload: { model } });

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY }, [DataPlaneProbeModule]);
    workspaceId = (await createWorkspace(subject.app)).id;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('accepts the bootstrap key (Bearer and x-api-key) and carries x-request-id', async () => {
    for (const headers of [{ authorization: `Bearer ${BOOTSTRAP_KEY}` }, { 'x-api-key': BOOTSTRAP_KEY }] as Array<Record<string, string>>) {
      const response = await post(PROBE_URL, headers);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ ownerType: 'service_account' });
      expect(response.headers['x-request-id']).toBe('dp-1');
    }
  });

  it('answers a missing or unknown key with 401 in the OpenAI envelope', async () => {
    for (const headers of [{}, { authorization: 'Bearer ptk_AAAAAAAAAAAA_unknown' }, { authorization: 'Basic abc' }] as Array<Record<string, string>>) {
      const response = await post(PROBE_URL, headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
      expect(response.headers['x-request-id']).toBe('dp-1');
    }
  });

  it('answers an expired key with 401 saying so', async () => {
    const { key } = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*'], { expiresAt: new Date(Date.now() - 1000) });
    const response = await post(PROBE_URL, { authorization: `Bearer ${key}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'invalid_api_key', message: expect.stringMatching(/expired/) });
    expect(response.body).not.toContain(key.split('_').slice(2).join('_'));
  });

  it('answers a model outside the scopes with 403 permission_error, and an admin-only key too', async () => {
    const scoped = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:model:openai/*']);
    expect((await post(PROBE_URL, scoped.headers, 'openai/gpt-4o')).statusCode).toBe(200);
    const denied = await post(PROBE_URL, scoped.headers, 'anthropic/claude-3-haiku');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ error: { message: expect.any(String), type: 'permission_error', code: 'model_not_allowed', param: 'model' } });
    const adminOnly = await createServiceAccountKey(subject.app, workspaceId, 'admin', ['admin']);
    expect((await post(PROBE_URL, adminOnly.headers)).statusCode).toBe(403);
  });

  it('lets a key scoped to route X call X and answers 403 on route Y', async () => {
    const scoped = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:route:chat-default']);
    const call = (route: string) =>
      subject.app.inject({ method: 'POST', url: PROBE_URL, headers: scoped.headers, payload: { route } });
    expect((await call('chat-default')).statusCode).toBe(200);
    const denied = await call('chat-premium');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ type: 'permission_error' });
    expect((await post(PROBE_URL, scoped.headers, 'openai/gpt-4o')).statusCode).toBe(403);
  });

  it('speaks the Anthropic envelope on a /v1/messages-style route', async () => {
    const missing = await post(ANTHROPIC_PROBE_URL, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
    const scoped = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:model:openai/*']);
    const denied = await post(ANTHROPIC_PROBE_URL, { 'x-api-key': scoped.key }, 'anthropic/claude-3-haiku');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ type: 'error', error: { type: 'permission_error', message: expect.any(String) } });
  });

  it("stops a user's key when the user leaves the workspace", async () => {
    const member = await createMember(subject.app, workspaceId, 'developer');
    const created = await subject.app.inject({
      method: 'POST',
      url: `/admin/workspaces/${workspaceId}/api-keys`,
      headers: member.headers,
      payload: { name: 'mine', owner: { type: 'user' }, scopes: ['invoke:*'] },
    });
    expect(created.statusCode).toBe(201);
    const { key } = created.json();
    expect((await post(PROBE_URL, { 'x-api-key': key })).statusCode).toBe(200);
    await subject.app.get(DataSource).query('DELETE FROM workspace_members WHERE user_id = $1', [member.id]);
    await subject.app.get(ApiKeyRegistry).reloadAll();
    expect((await post(PROBE_URL, { 'x-api-key': key })).statusCode).toBe(401);
  });
});
