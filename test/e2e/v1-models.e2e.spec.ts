import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { findFreePort } from '../support/ports';
import { createServiceAccountKey } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-bootstrap-key-0123456789abcdef';

describe('GET /v1/models with the official openai client', () => {
  let subject: TestApp;
  let baseURL: string;
  let workspaceId: string;
  const client = (apiKey: string) => new OpenAI({ apiKey, baseURL, maxRetries: 0 });

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    baseURL = `http://127.0.0.1:${port}/v1`;
    workspaceId = subject.runtime.firstRun!.workspaceId;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('lists the mock provider bound in the first workspace for the bootstrap key', async () => {
    const page = await client(BOOTSTRAP_KEY).models.list();
    expect(page.data.map((model) => model.id).sort()).toEqual(['mock/mock-chat', 'mock/mock-chat-large', 'mock/mock-embed']);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'portico-mock' });
    const one = await client(BOOTSTRAP_KEY).models.retrieve('mock/mock-chat');
    expect(one.id).toBe('mock/mock-chat');
  });

  it('shows a model-scoped key only its models, and hides the others', async () => {
    const { key } = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:model:mock/mock-chat']);
    const page = await client(key).models.list();
    expect(page.data.map((model) => model.id)).toEqual(['mock/mock-chat']);
    const hidden = await client(key).models.retrieve('mock/mock-embed').catch((error: unknown) => error);
    expect(hidden).toBeInstanceOf(OpenAI.NotFoundError);
    expect((hidden as InstanceType<typeof OpenAI.NotFoundError>).error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
  });

  it('refuses an admin-only key with 403 in the OpenAI envelope', async () => {
    const { key } = await createServiceAccountKey(subject.app, workspaceId, 'admin', ['admin']);
    const refused = await client(key).models.list().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
    expect((refused as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'permission_error' });
  });

  it('answers revoked, expired and unknown keys with 401 invalid_api_key, with x-request-id', async () => {
    const revoked = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
    await subject.runtime.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [revoked.keyId]);
    await subject.app.get(ApiKeyRegistry).reloadOne(revoked.keyId);
    const expired = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*'], { expiresAt: new Date(Date.now() - 1_000) });
    for (const key of [revoked.key, expired.key, 'ptk_unknown_key']) {
      const response = await fetch(`${baseURL}/models`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const body = (await response.json()) as { error: { message: string } };
      expect(body).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
      const secret = key.split('_').pop()!;
      if (secret.length > 20) expect(body.error.message).not.toContain(secret.slice(4));
    }
    const viaClient = await client(expired.key).models.list().catch((error: unknown) => error);
    expect(viaClient).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('answers unknown /v1 paths in the OpenAI envelope and /v1/messages paths in the Anthropic one', async () => {
    const openaiShaped = await fetch(`${baseURL}/no-such-endpoint`, { headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` } });
    expect(openaiShaped.status).toBe(404);
    expect(await openaiShaped.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'not_found', param: null } });
    const anthropicShaped = await fetch(`${baseURL}/messages/unknown`, { method: 'GET' });
    expect(anthropicShaped.status).toBe(404);
    expect(await anthropicShaped.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
