import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionSnapshot } from '../../src/portal/subscriptions/subscription-snapshot';
import { ApiProductSnapshot } from '../../src/prompt-apis/runtime/api-product-snapshot';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { createServiceAccountKey } from '../support/auth-helpers';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { assertWellFormed, surfaceOf } from '../support/fuzz/envelopes';
import { effectivePath, send, stillAlive } from '../support/fuzz/fuzz-client';
import { deepNesting, hostileSegment, hostileText, invalidUtf8Body, malformedJson, nestedJson, withWrongType } from '../support/fuzz/hostile-input';
import { fuzzParameters } from '../support/fuzz/settings';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-fuzz-apis-bootstrap-key-0123456789abcdef';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
const VALID_INPUT = { text: 'a short text', words: 3, tone: 'plain', tags: ['a', 'b'] };

/**
 * Property-based fuzzing of published prompt APIs (`POST /apis/<slug>` and `/apis/<slug>/v<n>`): a
 * product published through the admin API with a declared input schema, a subscribed caller, and
 * the prompt served by provider-openai against a fake upstream. No 5xx, always the OpenAI envelope.
 */
describe('fuzzing /apis', () => {
  let subject: TestApp;
  let upstream: FakeOpenAI;
  let caller: { authorization: string };

  const invoke = (path: string, payload: string | Buffer, headers = caller) => send(subject.app, 'POST', path, headers, payload);
  const path = fc.constantFrom('/apis/summarise', '/apis/summarise/v1');

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ chunkDelayMs: 0 });
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, PORTICO_PLUGINS: 'provider-mock,provider-openai' });
    const workspaceId = subject.runtime.firstRun!.workspaceId;
    const base = `/admin/workspaces/${workspaceId}`;
    const adminCall = async (method: 'POST' | 'PUT', url: string, payload: unknown, expected: number) => {
      const response = await send(subject.app, method, `${base}${url}`, admin, JSON.stringify(payload));
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(expected);
      await subject.app.get(PromptSnapshot, { strict: false }).reloadAll();
      await subject.app.get(ApiProductSnapshot).reloadAll();
      await subject.app.get(SubscriptionSnapshot, { strict: false }).reloadAll();
      return JSON.parse(response.body);
    };
    const account = await createServiceAccountKey(subject.app, workspaceId, 'viewer', ['invoke:*']);
    caller = account.headers;
    await adminCall('POST', '/provider-accounts', { name: 'fake', pluginId: 'provider-openai', baseUrl: upstream.baseUrl, credential: 'sk-fake' }, 201);
    await adminCall('PUT', '/approval-policies/api_publication', { enabled: false }, 200);
    await adminCall('PUT', '/approval-policies/subscription', { enabled: false }, 200);
    const inputSchema = {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 2000 }, words: { type: 'integer', minimum: 1, maximum: 50 }, tone: { enum: ['plain', 'formal'] }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['text', 'words'],
      additionalProperties: false,
    };
    const version = { messages: [{ role: 'user', content: 'Summarise {{text}} in {{words}} words, {{tone}}' }], model: 'fake/gpt-4o-mini', parameters: { max_tokens: 16 }, inputSchema };
    await adminCall('POST', '/prompts', { slug: 'summariser', name: 'Summariser', version }, 201);
    await adminCall('POST', '/prompt-apis', { slug: 'summarise', title: 'Summarise' }, 201);
    await adminCall('POST', '/prompt-apis/summarise/versions', { prompt: 'summariser', promptVersion: 1 }, 201);
    await adminCall('POST', '/prompt-apis/summarise/versions/1/submit', {}, 200);
    await adminCall('POST', '/subscriptions', { apiProduct: 'summarise', subscriber: { type: 'service_account', id: account.serviceAccountId } }, 201);
    for (const url of ['/apis/summarise', '/apis/summarise/v1']) {
      let sane = await invoke(url, JSON.stringify(VALID_INPUT));
      for (let waited = 0; sane.statusCode !== 200 && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sane = await invoke(url, JSON.stringify(VALID_INPUT));
      }
      expect(sane.statusCode, `${url}: ${sane.body}`).toBe(200);
    }
  });
  afterAll(async () => {
    if (subject) expect(await stillAlive(subject.app)).toBe(true);
    await subject?.close();
    await upstream?.close();
  });

  it('answers hostile slugs and versions (traversal, encoded slashes, SQL, unicode) with a 4xx in the envelope', async () => {
    const url = fc.oneof(
      hostileSegment.map((slug) => `/apis/${slug}`),
      hostileSegment.map((version) => `/apis/summarise/${version}`),
      fc.tuple(hostileSegment, hostileSegment).map(([slug, version]) => `/apis/${slug}/${version}`),
      fc.constantFrom('/apis/summarise/v0', '/apis/summarise/v-1', '/apis/summarise/v1.0', '/apis/summarise/v99999999999999999999', '/apis/summarise/V1', '/apis/SUMMARISE', '/apis/summarise/v1/', '/apis/../admin/workspaces', '/apis/summarise%2Fv1', '/apis/%2e%2e/v1/models'),
    );
    await fc.assert(
      fc.asyncProperty(url, async (target) => {
        const response = await invoke(target, JSON.stringify(VALID_INPUT));
        const surface = surfaceOf(effectivePath(target));
        assertWellFormed(surface, `POST ${target} (arrives as ${effectivePath(target)})`, response, { statusIn: surface === 'apis' ? [400, 404, 410, 414] : [400, 401, 403, 404, 414] });
      }),
      fuzzParameters(80),
    );
  });

  it('answers malformed JSON with 400 (422 for JSON that is not an object of inputs) in the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(path, malformedJson(VALID_INPUT), async (target, text) => {
        assertWellFormed('apis', `POST ${target} ${JSON.stringify(text)}`, await invoke(target, text), { statusIn: [400, 422] });
      }),
      fuzzParameters(40),
    );
  });

  it('answers input of the wrong type, or with hostile strings, with 200 or a 4xx in the envelope, never a 5xx', async () => {
    const hostileValues = fc.record({ text: hostileText, words: fc.integer({ min: 1, max: 50 }), tone: fc.constantFrom('plain', 'formal') });
    await fc.assert(
      fc.asyncProperty(path, fc.oneof(withWrongType(VALID_INPUT), hostileValues.map((input) => JSON.stringify(input))), async (target, text) => {
        assertWellFormed('apis', `POST ${target} ${text}`, await invoke(target, text), { statusIn: [200, 400, 422] });
      }),
      fuzzParameters(100),
    );
  });

  it('answers deep nesting with 400, bodies over the limit with 413, invalid UTF-8 without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(path, deepNesting, async (target, { depth, shape }) => {
        const text = JSON.stringify({ ...VALID_INPUT, tags: 0 }).replace('"tags":0', `"tags":${nestedJson(depth, shape)}`);
        assertWellFormed('apis', `POST ${target} nested ${shape} x${depth}`, await invoke(target, text), depth > 100 ? { statusIn: [400] } : { statusIn: [400, 422] });
      }),
      fuzzParameters(10),
    );
    const limit = subject.runtime.config.server.bodyLimitBytes;
    await fc.assert(
      fc.asyncProperty(path, fc.integer({ min: 1, max: 4096 }), async (target, extra) => {
        assertWellFormed('apis', `POST ${target} over the limit`, await invoke(target, JSON.stringify({ ...VALID_INPUT, text: 'x'.repeat(limit + extra) })), { statusIn: [413] });
      }),
      fuzzParameters(2),
    );
    await fc.assert(
      fc.asyncProperty(path, invalidUtf8Body(VALID_INPUT), async (target, bytes) => {
        assertWellFormed('apis', `POST ${target} ${bytes.toString('hex')}`, await invoke(target, bytes), { statusIn: [200, 400, 422] });
      }),
      fuzzParameters(20),
    );
  });

  it('answers hostile credentials with 401 and an upstream failure with 4xx or a deliberate 502/503/504', async () => {
    await fc.assert(
      fc.asyncProperty(path, fc.oneof(hostileText, fc.constantFrom('', 'Bearer ', `Bearer ${BOOTSTRAP_KEY}x`)), async (target, value) => {
        const authorization = value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
        assertWellFormed('apis', `POST ${target} authorization=${JSON.stringify(authorization)}`, await invoke(target, JSON.stringify(VALID_INPUT), { authorization }), { statusIn: [401] });
      }),
      fuzzParameters(20),
    );
    try {
      await fc.assert(
        fc.asyncProperty(path, fc.constantFrom(400, 401, 404, 429, 500, 502, 503, 504), async (target, status) => {
          upstream.setScript(() => ({ kind: 'error', status }));
          assertWellFormed('apis', `POST ${target} upstream ${status}`, await invoke(target, JSON.stringify(VALID_INPUT)), { upstreamMayFail: true });
        }),
        fuzzParameters(16),
      );
    } finally {
      upstream.setScript([]);
    }
  });
});
