import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiKeyCheck, ApiKeyRecord } from '../auth/api-keys/api-key-registry';
import { DataPlaneAuthenticator, type KeyChecker } from './data-plane-authenticator';
import { dataPlaneAuth, dataPlaneScope, decorateDataPlaneRequests } from './data-plane-auth.hook';
import { DataPlaneError } from './data-plane-error';

const GOOD = 'ptk_AAAAAAAAAAAA_good-secret';
const EXPIRED = 'ptk_BBBBBBBBBBBB_expired-secret';

const record = (scopes: string[]): ApiKeyRecord => ({
  id: 'k1',
  workspaceId: 'w1',
  publicId: 'AAAAAAAAAAAA',
  name: 'test',
  ownerType: 'service_account',
  ownerId: 's1',
  scopes: Object.freeze(scopes),
  expiresAt: null,
});

function checker(scopes: string[]): KeyChecker {
  const key = record(scopes);
  return {
    check: (raw: string): ApiKeyCheck => (raw === GOOD ? { ok: true, key } : raw === EXPIRED ? { ok: false, reason: 'expired' } : { ok: false, reason: 'unknown' }),
  };
}

function refusal(work: () => unknown): DataPlaneError {
  try {
    work();
  } catch (error) {
    if (error instanceof DataPlaneError) return error;
    throw error;
  }
  throw new Error('expected a DataPlaneError');
}

describe('DataPlaneAuthenticator', () => {
  const authenticator = new DataPlaneAuthenticator(checker(['invoke:model:openai/*', 'invoke:api:summarize']));

  it('accepts the key as a bearer token or as x-api-key', () => {
    expect(authenticator.authenticate({ authorization: `Bearer ${GOOD}` }).id).toBe('k1');
    expect(authenticator.authenticate({ authorization: `bearer   ${GOOD} ` }).id).toBe('k1');
    expect(authenticator.authenticate({ 'x-api-key': GOOD }).id).toBe('k1');
  });

  it.each([
    ['no key', {}],
    ['a non-bearer authorization', { authorization: `Basic ${GOOD}` }],
    ['an unknown or revoked key', { authorization: 'Bearer ptk_CCCCCCCCCCCC_nope' }],
    ['an empty x-api-key', { 'x-api-key': '' }],
  ])('answers 401 invalid_api_key for %s (OpenAI envelope)', (_label, headers) => {
    const error = refusal(() => authenticator.authenticate(headers));
    expect(error.status).toBe(401);
    expect(error.toOpenAi()).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
  });

  it('says an expired key has expired, and never echoes a whole key', () => {
    const error = refusal(() => authenticator.authenticate({ 'x-api-key': EXPIRED }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).toMatch(/expired/);
    expect(error.message).not.toContain('expired-secret');
    expect(refusal(() => authenticator.authenticate({ 'x-api-key': 'ptk_CCCCCCCCCCCC_the-secret' })).message).not.toContain('the-secret');
  });

  it('answers 403 permission_error / model_not_allowed for a model outside the scopes', () => {
    const key = authenticator.authenticate({ 'x-api-key': GOOD });
    expect(() => authenticator.authorize(key, { kind: 'model', name: 'openai/gpt-4o' })).not.toThrow();
    const error = refusal(() => authenticator.authorize(key, { kind: 'model', name: 'anthropic/claude-3-haiku' }));
    expect(error.status).toBe(403);
    expect(error.toOpenAi()).toEqual({ error: { message: expect.any(String), type: 'permission_error', code: 'model_not_allowed', param: 'model' } });
  });

  it('answers insufficient_scope for an API outside the scopes; authenticateFor does both steps', () => {
    expect(authenticator.authenticateFor({ 'x-api-key': GOOD }, { kind: 'api', name: 'summarize' }).id).toBe('k1');
    const error = refusal(() => authenticator.authenticateFor({ 'x-api-key': GOOD }, { kind: 'api', name: 'translate' }));
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
  });

  it('renders the Anthropic envelope for /v1/messages', () => {
    const unauthenticated = refusal(() => authenticator.authenticate({}));
    expect(unauthenticated.body('anthropic')).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
    const key = authenticator.authenticate({ 'x-api-key': GOOD });
    const denied = refusal(() => authenticator.authorize(key, { kind: 'model', name: 'x/y' }));
    expect(denied.body('anthropic')).toEqual({ type: 'error', error: { type: 'permission_error', message: expect.any(String) } });
  });
});

describe('data-plane Fastify hooks', () => {
  async function server() {
    const fastify = Fastify();
    decorateDataPlaneRequests(fastify);
    const authenticator = new DataPlaneAuthenticator(checker(['invoke:model:openai/*']));
    const modelOf = (request: { body: unknown }) => {
      const model = (request.body as { model?: unknown })?.model;
      return typeof model === 'string' ? { kind: 'model' as const, name: model } : undefined;
    };
    for (const [url, dialect] of [['/v1/chat/completions', 'openai'], ['/v1/messages', 'anthropic']] as const) {
      fastify.post(url, { onRequest: dataPlaneAuth(authenticator, dialect), preHandler: dataPlaneScope(authenticator, dialect, modelOf) }, async (request) => ({
        keyId: request.porticoKey?.id,
      }));
    }
    await fastify.ready();
    return fastify;
  }

  it('lets a good key through and exposes it to the handler', async () => {
    const fastify = await server();
    const response = await fastify.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${GOOD}` }, payload: { model: 'openai/gpt-4o' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ keyId: 'k1' });
    await fastify.close();
  });

  it('answers 401 with the OpenAI envelope and a challenge on /v1/chat/completions', async () => {
    const fastify = await server();
    const response = await fastify.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'openai/gpt-4o' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
    await fastify.close();
  });

  it('answers 401 and 403 with the Anthropic envelope on /v1/messages', async () => {
    const fastify = await server();
    const missing = await fastify.inject({ method: 'POST', url: '/v1/messages', headers: { 'x-api-key': EXPIRED }, payload: { model: 'openai/gpt-4o' } });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.stringMatching(/expired/) } });
    const denied = await fastify.inject({ method: 'POST', url: '/v1/messages', headers: { 'x-api-key': GOOD }, payload: { model: 'anthropic/claude' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ type: 'error', error: { type: 'permission_error', message: expect.any(String) } });
    await fastify.close();
  });

  it('answers 403 model_not_allowed with the OpenAI envelope', async () => {
    const fastify = await server();
    const response = await fastify.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'x-api-key': GOOD }, payload: { model: 'anthropic/claude' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { type: 'permission_error', code: 'model_not_allowed', param: 'model' } });
    await fastify.close();
  });
});
