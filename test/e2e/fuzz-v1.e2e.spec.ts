import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { assertWellFormed, surfaceOf, type Surface } from '../support/fuzz/envelopes';
import { effectivePath, send, stillAlive } from '../support/fuzz/fuzz-client';
import {
  deepNesting,
  hostileSegment,
  hostileText,
  invalidUtf8Body,
  malformedJson,
  nestedJson,
  withWrongType,
} from '../support/fuzz/hostile-input';
import { fuzzParameters } from '../support/fuzz/settings';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-fuzz-v1-bootstrap-key-0123456789abcdef';
const auth = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/** One valid request per body-taking /v1 endpoint, through a real provider plugin to a fake upstream. */
const ENDPOINTS: readonly { url: string; surface: Surface; valid: Record<string, unknown> }[] = [
  {
    url: '/v1/chat/completions',
    surface: 'openai',
    valid: {
      model: 'fake/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      ],
      max_tokens: 8,
      temperature: 0.2,
      stream: false,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      metadata: { team: 'fuzz' },
    },
  },
  { url: '/v1/embeddings', surface: 'openai', valid: { model: 'fake/text-embedding-3-small', input: ['one', 'two'], encoding_format: 'float' } },
  {
    url: '/v1/messages',
    surface: 'anthropic',
    valid: {
      model: 'fake/gpt-4o-mini',
      max_tokens: 16,
      system: 'Be brief',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
      stop_sequences: ['END'],
      stream: false,
    },
  },
];

const endpoint = fc.constantFrom(...ENDPOINTS);

/**
 * Property-based fuzzing of the /v1 data plane (chat completions, embeddings, messages, models)
 * in-process, with the provider-openai plugin calling a fake upstream over a real socket.
 * Whatever the input: no 5xx unless the upstream was made to fail, JSON, the protocol's own envelope.
 */
describe('fuzzing /v1', () => {
  let subject: TestApp;
  let upstream: FakeOpenAI;

  const post = (url: string, payload: string | Buffer, headers: Record<string, string> = auth) => send(subject.app, 'POST', url, headers, payload);

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ chunkDelayMs: 0 });
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, PORTICO_PLUGINS: 'provider-mock,provider-openai' });
    const [{ workspace_id: workspaceId }]: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    const account = await subject.app.inject({
      method: 'POST',
      url: `/admin/workspaces/${workspaceId}/provider-accounts`,
      headers: auth,
      payload: { name: 'fake', pluginId: 'provider-openai', baseUrl: upstream.baseUrl, credential: 'sk-fake-upstream' },
    });
    expect(account.statusCode, account.body).toBe(201);
    // The provider account reaches the data plane's snapshot through NOTIFY: wait until every endpoint answers a sane request.
    for (const { url, valid } of ENDPOINTS) {
      let sane = await post(url, JSON.stringify(valid));
      for (let waited = 0; sane.statusCode !== 200 && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sane = await post(url, JSON.stringify(valid));
      }
      expect(sane.statusCode, `${url}: ${sane.body}`).toBe(200);
    }
  });
  afterAll(async () => {
    if (subject) expect(await stillAlive(subject.app)).toBe(true);
    await subject?.close();
    await upstream?.close();
  });

  it('answers malformed JSON with 400 in the endpoint envelope', async () => {
    const input = endpoint.chain((target) => malformedJson(target.valid).map((text) => ({ target, text })));
    await fc.assert(
      fc.asyncProperty(input, async ({ target, text }) => {
        assertWellFormed(target.surface, `POST ${target.url} ${JSON.stringify(text)}`, await post(target.url, text), { statusIn: [400] });
      }),
      fuzzParameters(60),
    );
  });

  it('never answers 5xx to a wrong type in any field, and keeps the envelope', async () => {
    const input = endpoint.chain((target) => withWrongType(target.valid).map((text) => ({ target, text })));
    await fc.assert(
      fc.asyncProperty(input, async ({ target, text }) => {
        assertWellFormed(target.surface, `POST ${target.url} ${text}`, await post(target.url, text));
      }),
      fuzzParameters(150),
    );
  });

  it('answers hostile model names (SQL, unicode, traversal) with a 4xx in the envelope', async () => {
    const input = fc.tuple(endpoint, fc.oneof(hostileText, hostileSegment));
    await fc.assert(
      fc.asyncProperty(input, async ([target, model]) => {
        const response = await post(target.url, JSON.stringify({ ...target.valid, model }));
        assertWellFormed(target.surface, `POST ${target.url} model=${JSON.stringify(model)}`, response, { statusIn: [400, 403, 404] });
      }),
      fuzzParameters(60),
    );
    await fc.assert(
      fc.asyncProperty(hostileSegment, async (segment) => {
        const url = `/v1/models/${segment}`;
        const response = await send(subject.app, 'GET', url, auth);
        assertWellFormed(surfaceOf(effectivePath(url)), `GET ${url} (arrives as ${effectivePath(url)})`, response, { statusIn: [200, 400, 404, 414] });
      }),
      fuzzParameters(60),
    );
  });

  it('answers hostile prompt references (x-portico-prompt header or `prompt` in the body) with a 4xx in the envelope', async () => {
    const reference = fc.oneof(hostileText, fc.tuple(hostileText, fc.constantFrom('@', '@@', '@v', '@-1', '@99999999999999999999', '@../')).map(([slug, suffix]) => `${slug}${suffix}`));
    await fc.assert(
      fc.asyncProperty(reference, fc.boolean(), async (value, inHeader) => {
        const printable = value.replace(/[^\x20-\x7e]/g, '?');
        const body = inHeader ? { model: 'fake/gpt-4o-mini', variables: { a: value } } : { model: 'fake/gpt-4o-mini', prompt: { slug: value, variables: { a: 1 } } };
        const response = await post('/v1/chat/completions', JSON.stringify(body), inHeader ? { ...auth, 'x-portico-prompt': printable } : auth);
        assertWellFormed('openai', `prompt reference ${JSON.stringify(inHeader ? printable : value)} in the ${inHeader ? 'header' : 'body'}`, response, { statusIn: [400, 404, 422] });
      }),
      fuzzParameters(40),
    );
  });

  it('answers deeply nested bodies with 400 or 413, never a crash', async () => {
    const input = fc.tuple(endpoint, deepNesting, fc.constantFrom('body', 'field'));
    await fc.assert(
      fc.asyncProperty(input, async ([target, { depth, shape }, where]) => {
        const nested = nestedJson(depth, shape);
        const text = where === 'body' ? nested : JSON.stringify({ ...target.valid, metadata: 0 }).replace('"metadata":0', `"metadata":${nested}`);
        const response = await post(target.url, text);
        assertWellFormed(target.surface, `POST ${target.url} nested ${shape} x${depth} in ${where}`, response, depth > 100 ? { statusIn: [400, 413] } : {});
      }),
      fuzzParameters(20),
    );
  });

  it('answers bodies over the limit with 413 in the envelope', async () => {
    const limit = subject.runtime.config.server.bodyLimitBytes;
    const input = fc.tuple(endpoint, fc.integer({ min: 1, max: 64 * 1024 }));
    await fc.assert(
      fc.asyncProperty(input, async ([target, extra]) => {
        const text = JSON.stringify({ ...target.valid, padding: 'x'.repeat(limit + extra) });
        assertWellFormed(target.surface, `POST ${target.url} ${text.length} bytes`, await post(target.url, text), { statusIn: [413] });
      }),
      fuzzParameters(4),
    );
  });

  it('never answers 5xx to invalid UTF-8', async () => {
    const input = endpoint.chain((target) => invalidUtf8Body(target.valid).map((bytes) => ({ target, bytes })));
    await fc.assert(
      fc.asyncProperty(input, async ({ target, bytes }) => {
        assertWellFormed(target.surface, `POST ${target.url} ${bytes.toString('hex')}`, await post(target.url, bytes));
      }),
      fuzzParameters(40),
    );
  });

  it('answers hostile credentials and content types in the envelope', async () => {
    const credential = fc.oneof(hostileText, fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${BOOTSTRAP_KEY}x`, `Bearer ${BOOTSTRAP_KEY.slice(0, -1)}`, `Basic ${BOOTSTRAP_KEY}`));
    await fc.assert(
      fc.asyncProperty(endpoint, credential, async (target, value) => {
        const safe = value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
        const response = await post(target.url, JSON.stringify(target.valid), { authorization: safe });
        assertWellFormed(target.surface, `POST ${target.url} authorization=${JSON.stringify(safe)}`, response, { statusIn: [401] });
      }),
      fuzzParameters(30),
    );
    const contentType = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'application/json, text/plain', '*/*', 'application/xml');
    await fc.assert(
      fc.asyncProperty(endpoint, contentType, async (target, type) => {
        const response = await post(target.url, JSON.stringify(target.valid), { ...auth, 'content-type': type });
        assertWellFormed(target.surface, `POST ${target.url} content-type=${type}`, response, { statusIn: [200, 400, 415] });
      }),
      fuzzParameters(20),
    );
  });

  it('passes an upstream failure on as 4xx or a deliberate 502/503/504, in the envelope', async () => {
    const failure = fc.oneof(
      fc.record({ kind: fc.constant('error' as const), status: fc.constantFrom(400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529), message: hostileText }),
      fc.constant({ kind: 'cut' as const, afterChunks: 1 }),
    );
    try {
      await fc.assert(
        fc.asyncProperty(endpoint, failure, fc.boolean(), async (target, behaviour, stream) => {
          upstream.setScript(() => behaviour as FakeBehaviour);
          const body = target.url.endsWith('/embeddings') ? target.valid : { ...target.valid, stream };
          const response = await post(target.url, JSON.stringify(body));
          assertWellFormed(target.surface, `POST ${target.url} upstream ${JSON.stringify(behaviour)} stream=${stream}`, response, { upstreamMayFail: true });
        }),
        fuzzParameters(40),
      );
    } finally {
      upstream.setScript([]);
    }
  });
});
