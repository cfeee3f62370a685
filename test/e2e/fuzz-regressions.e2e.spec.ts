import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/common/http/json-body-parser';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { assertWellFormed } from '../support/fuzz/envelopes';
import { send } from '../support/fuzz/fuzz-client';
import { nestedJson } from '../support/fuzz/hostile-input';
import { rawRequest } from '../support/fuzz/raw-http';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-fuzz-regressions-key-0123456789abcdef';
const auth = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/** One pinned example per bug the fuzzers found, so each stays fixed whatever the seed explores. */
describe('bugs found by fuzzing', () => {
  let subject: TestApp;
  let upstream: FakeOpenAI;
  let workspaceId: string;
  let port: number;

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ chunkDelayMs: 0 });
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, PORTICO_PLUGINS: 'provider-mock,provider-openai' });
    port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    [{ workspace_id: workspaceId }] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    const account = await send(subject.app, 'POST', `/admin/workspaces/${workspaceId}/provider-accounts`, auth, JSON.stringify({ name: 'fake', pluginId: 'provider-openai', baseUrl: upstream.baseUrl, credential: 'sk-fake' }));
    expect(account.statusCode, account.body).toBe(201);
  });
  afterAll(async () => {
    await subject?.close();
    await upstream?.close();
  });

  const chat = (model: string) => send(subject.app, 'POST', '/v1/chat/completions', auth, JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }));

  it('names a pass-through target with any characters in a header-safe x-portico-target (was a 500 without envelope)', async () => {
    for (let waited = 0; (await chat('fake/gpt-4o-mini')).statusCode !== 200 && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const model of ['fake/gpt-😀', 'fake/modèle\u0007x', 'fake/a%b', 'fake/\uD800']) {
      const response = await chat(model);
      expect(response.statusCode, `${model}: ${response.body}`).toBe(200);
      expect(decodeURIComponent(String(response.headers['x-portico-target']))).toBe(model.replace('\uD800', '\uFFFD'));
    }
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels with a 400 in each surface's envelope (was a 502 plugin failure)`, async () => {
    const nested = (depth: number) => JSON.stringify({ model: 'fake/gpt-4o-mini', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }], metadata: 0 }).replace('"metadata":0', `"metadata":${nestedJson(depth, 'mixed')}`);
    const tooDeep = nested(MAX_JSON_DEPTH + 1);
    for (const [surface, url] of [['openai', '/v1/chat/completions'], ['anthropic', '/v1/messages'], ['admin', `/admin/workspaces/${workspaceId}/prompts`]] as const) {
      const response = await send(subject.app, 'POST', url, auth, tooDeep);
      assertWellFormed(surface, `POST ${url}`, response, { statusIn: [400] });
    }
    const deepest = await send(subject.app, 'POST', '/v1/chat/completions', auth, nested(MAX_JSON_DEPTH - 2));
    expect(deepest.statusCode, deepest.body).toBe(200);
  });

  it('answers a URL Fastify cannot decode, or a path parameter over its length, in the envelope with a request id (was Fastify\'s own body)', async () => {
    for (const [surface, url] of [['openai', '/v1/models/%zz'], ['admin', `/admin/workspaces/${workspaceId}/prompts/%E0%A4%A`], ['apis', '/apis/%zz']] as const) {
      assertWellFormed(surface, url, await send(subject.app, 'GET', url, auth), { statusIn: [400] });
    }
    const long = `/admin/workspaces/${workspaceId}/prompts/${'a'.repeat(600)}`;
    assertWellFormed('admin', 'long param', await send(subject.app, 'GET', long, auth), { statusIn: [404, 414] });
  });

  it('answers requests the HTTP parser refuses (CR/LF in a header, huge headers) in the envelope with a request id', async () => {
    const injected = await rawRequest(port, `GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${BOOTSTRAP_KEY}\rx-evil: 1\r\nConnection: close\r\n\r\n`);
    assertWellFormed('openai', 'bare CR in a header', injected, { statusIn: [400] });
    const huge = await rawRequest(port, `GET /admin/workspaces HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(70_000)}\r\nConnection: close\r\n\r\n`);
    assertWellFormed('admin', 'huge header', huge, { statusIn: [431] });
    const messages = await rawRequest(port, `POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-a: \u0000\r\nConnection: close\r\n\r\n`);
    assertWellFormed('anthropic', 'NUL in a header', messages, { statusIn: [400] });
  });

  it("answers malformed or oversized bodies on /apis in the data plane's OpenAI envelope, not the admin one", async () => {
    assertWellFormed('apis', 'POST /apis/x malformed', await send(subject.app, 'POST', '/apis/some-api', auth, '{"text":'), { statusIn: [400] });
    assertWellFormed('apis', 'POST /apis/x/v1 nested', await send(subject.app, 'POST', '/apis/some-api/v1', auth, nestedJson(500, 'array')), { statusIn: [400] });
    const limit = subject.runtime.config.server.bodyLimitBytes;
    assertWellFormed('apis', 'POST /apis/x too large', await send(subject.app, 'POST', '/apis/some-api', auth, JSON.stringify({ text: 'x'.repeat(limit) })), { statusIn: [413] });
  });

  it('answers U+0000 in a slug or a query filter that reaches Postgres with a 400 in the envelope (was a 500)', async () => {
    const base = `/admin/workspaces/${workspaceId}`;
    for (const url of [`${base}/prompts/a%00b`, `${base}/prompts/a%00b/versions`, `${base}/prompt-apis/a%00b`, `${base}/routes/a%00b`, `${base}/prices/history?model=a%00b`]) {
      assertWellFormed('admin', `GET ${url}`, await send(subject.app, 'GET', url, auth), { statusIn: [400] });
    }
    assertWellFormed('admin', 'PATCH prompt', await send(subject.app, 'PATCH', `${base}/prompts/a%00b`, auth, JSON.stringify({ name: 'x' })), { statusIn: [400] });
  });
});
