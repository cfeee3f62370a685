import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakes/anthropic-upstream';
import { startFakeGemini, type FakeGemini } from '../support/fakes/gemini-upstream';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const KEY = 'e2e-providers-bootstrap-key-0123456789';
const OPENAI_SECRET = 'sk-fake-openai-good-credential';

/**
 * Real sockets end to end: the official `openai` and `@anthropic-ai/sdk` clients → Portico →
 * fake upstreams speaking OpenAI, Anthropic and Gemini wire formats.
 */
describe('providers and protocols end to end', () => {
  let subject: TestApp;
  let base: string;
  let workspaceId: string;
  let fakeOpenAI: FakeOpenAI;
  let fakeAnthropic: FakeAnthropic;
  let fakeGemini: FakeGemini;
  let openai: OpenAI;
  let anthropic: Anthropic;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/admin/workspaces/${workspaceId}/${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    [fakeOpenAI, fakeAnthropic, fakeGemini] = await Promise.all([startFakeOpenAI({ apiKey: OPENAI_SECRET }), startFakeAnthropic(), startFakeGemini()]);
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: KEY, PORTICO_BREAKER_COOLDOWN_MS: '800' });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    workspaceId = subject.runtime.firstRun!.workspaceId;
    const oai = await admin('POST', 'provider-accounts', { name: 'oai', pluginId: 'provider-openai', baseUrl: fakeOpenAI.baseUrl, credential: OPENAI_SECRET });
    await admin('POST', 'provider-accounts', { name: 'ant', pluginId: 'provider-anthropic', baseUrl: fakeAnthropic.url, credential: 'sk-ant-fake' });
    const gem = await admin('POST', 'provider-accounts', { name: 'gem', pluginId: 'provider-gemini', baseUrl: fakeGemini.url, credential: 'gem-fake-key' });
    const rotating = await admin('POST', 'provider-accounts', { name: 'oai-rotating', pluginId: 'provider-openai', baseUrl: fakeOpenAI.baseUrl, credential: 'sk-revoked-credential' });
    await admin('POST', `provider-accounts/${rotating.id}/credentials`, { credential: OPENAI_SECRET });
    await admin('POST', 'routes', {
      alias: 'chat-default',
      strategy: 'priority',
      policy: { retriesPerTarget: 0, backoffBaseMs: 5, backoffMaxMs: 10, timeouts: { firstByteMs: 400 } },
      targets: [
        { providerAccountId: oai.id, model: 'gpt-4o-mini', priority: 0 },
        { providerAccountId: gem.id, model: 'gemini-2.0-flash', priority: 1 },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // snapshots reload on NOTIFY
    openai = new OpenAI({ apiKey: KEY, baseURL: `${base}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: KEY, baseURL: base, maxRetries: 0 });
  });
  afterAll(async () => {
    await subject?.close();
    await Promise.all([fakeOpenAI?.close(), fakeAnthropic?.close(), fakeGemini?.close()]);
  });

  it('speaks OpenAI to every provider: chat, stream, tools and embeddings', async () => {
    for (const model of ['oai/gpt-4o-mini', 'ant/claude-sonnet-4-6', 'gem/gemini-2.0-flash']) {
      const completion = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 50 });
      expect(completion.choices[0].message.content, model).toBeTruthy();
      expect(completion.usage?.prompt_tokens, model).toBeGreaterThan(0);
      let text = '';
      let usage = 0;
      for await (const chunk of await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 50, stream: true, stream_options: { include_usage: true } })) {
        text += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.usage) usage += 1;
      }
      expect(text, model).toBeTruthy();
      expect(usage, model).toBe(1);
    }
    fakeOpenAI.setScript([{ kind: 'ok', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] }]);
    const tools = await openai.chat.completions.create({
      model: 'oai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    expect(tools.choices[0].message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const embeddings = await openai.embeddings.create({ model: 'oai/text-embedding-3-small', input: 'hello' });
    expect(embeddings.data[0].embedding.length).toBeGreaterThan(0);
  });

  it('speaks Anthropic Messages to any provider, JSON and streamed', async () => {
    for (const model of ['ant/claude-sonnet-4-6', 'oai/gpt-4o-mini']) {
      const message = await anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'Hello there' }] });
      expect(message.type, model).toBe('message');
      expect(message.content[0].type, model).toBe('text');
      const stream = anthropic.messages.stream({ model, max_tokens: 50, messages: [{ role: 'user', content: 'Hello there' }] });
      const final = await stream.finalMessage();
      expect(final.stop_reason, model).toBe('end_turn');
      expect(final.usage.output_tokens, model).toBeGreaterThan(0);
    }
    const refused = await anthropic.messages.create({ model: 'ant/claude-sonnet-4-6', max_tokens: 0, messages: [] } as never).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it.each([
    ['429', { kind: 'error', status: 429 }],
    ['500', { kind: 'error', status: 500 }],
    ['a hang', { kind: 'hang' }],
    ['a slow first byte', { kind: 'ok', firstByteDelayMs: 1_500 }],
  ] as const)('fails over from %s on the first target to the next one', async (_label, behaviour) => {
    fakeOpenAI.setScript([behaviour as never]);
    const { data, response } = await openai.chat.completions.create({ model: 'chat-default', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.choices[0].message.content).toBeTruthy();
    expect(response.headers.get('x-portico-target')).toBe('gem/gemini-2.0-flash');
    expect(response.headers.get('x-portico-attempts')).toBe('2');
  });

  it('lists route aliases beside direct models, and serves a cached answer for an opted-in route', async () => {
    const listed = (await openai.models.list()).data.map((model) => model.id);
    expect(listed).toEqual(expect.arrayContaining(['chat-default', 'oai/gpt-4o-mini', 'mock/mock-chat']));
    const gem = (await admin('GET', 'provider-accounts')).find((account: { name: string }) => account.name === 'gem');
    await admin('POST', 'routes', { alias: 'cached', cacheTtlSeconds: 60, targets: [{ providerAccountId: gem.id, model: 'gemini-2.0-flash' }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ask = () => openai.chat.completions.create({ model: 'cached', messages: [{ role: 'user', content: 'same question' }] }).withResponse();
    const first = await ask();
    const upstreamCalls = fakeGemini.requests.length;
    const second = await ask();
    expect(first.response.headers.get('x-portico-cache')).toBe('miss');
    expect(second.response.headers.get('x-portico-cache')).toBe('hit');
    expect(second.data).toEqual(first.data);
    expect(fakeGemini.requests.length).toBe(upstreamCalls);
  });

  it('fails a stream over when its first byte is late, before anything reached the client', async () => {
    fakeOpenAI.setScript([{ kind: 'ok', firstByteDelayMs: 1_500 }]);
    const { data: stream, response } = await openai.chat.completions
      .create({ model: 'chat-default', stream: true, messages: [{ role: 'user', content: 'stream please' }] })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBeTruthy();
    expect(response.headers.get('x-portico-target')).toBe('gem/gemini-2.0-flash');
    expect(response.headers.get('x-portico-attempts')).toBe('2');
  });

  it('ends a stream cut mid-way with an error event, never a silent 200', async () => {
    fakeOpenAI.setScript([{ kind: 'cut', afterChunks: 2 }]);
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'oai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'a long answer please' }] }),
    });
    const text = await response.text();
    expect(text).toContain('data: {"error":');
    expect(text).not.toContain('[DONE]');
  });

  it('uses the next credential of the account after a 401', async () => {
    const before = fakeOpenAI.requests.length;
    const { data, response } = await openai.chat.completions.create({ model: 'oai-rotating/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.choices[0].message.content).toBeTruthy();
    expect(response.headers.get('x-portico-attempts')).toBe('2');
    const sent = fakeOpenAI.requests.slice(before).map((request) => request.headers.authorization);
    expect(sent).toEqual(['Bearer sk-revoked-credential', `Bearer ${OPENAI_SECRET}`]);
  });

  it('opens the breaker after repeated upstream failures, skips the target, and closes it after a good probe', async () => {
    fakeOpenAI.setScript(() => ({ kind: 'error', status: 500 }));
    for (let i = 0; i < 5; i++) {
      const { response } = await openai.chat.completions.create({ model: 'chat-default', messages: [{ role: 'user', content: `x${i}` }] }).withResponse();
      expect(response.headers.get('x-portico-target')).toBe('gem/gemini-2.0-flash');
    }
    const seen = fakeOpenAI.requests.length;
    const { response } = await openai.chat.completions.create({ model: 'chat-default', messages: [{ role: 'user', content: 'after' }] }).withResponse();
    expect(response.headers.get('x-portico-attempts')).toBe('1');
    expect(fakeOpenAI.requests.length).toBe(seen);

    // The upstream recovers; after the cooldown one probe goes through and closes the circuit.
    fakeOpenAI.setScript([]);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const probe = await openai.chat.completions.create({ model: 'chat-default', messages: [{ role: 'user', content: 'probe' }] }).withResponse();
    expect(probe.response.headers.get('x-portico-target')).toBe('oai/gpt-4o-mini');
    const closed = await openai.chat.completions.create({ model: 'chat-default', messages: [{ role: 'user', content: 'closed' }] }).withResponse();
    expect(closed.response.headers.get('x-portico-target')).toBe('oai/gpt-4o-mini');
  });

  it('maps upstream errors to truthful statuses and the OpenAI error classes', async () => {
    fakeOpenAI.setScript([{ kind: 'error', status: 429, retryAfter: '1' }, { kind: 'error', status: 429, retryAfter: '1' }]);
    const limited = await openai.chat.completions.create({ model: 'oai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('1');

    fakeOpenAI.setScript([{ kind: 'error', status: 400, code: 'context_length_exceeded', message: 'too long', param: 'messages' }]);
    const tooLong = await openai.chat.completions.create({ model: 'oai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tooLong as InstanceType<typeof OpenAI.APIError>).code).toBe('context_length_exceeded');

    fakeOpenAI.setScript([{ kind: 'error', status: 401, code: 'invalid_api_key', message: 'bad key' }]);
    const upstreamAuth = await openai.chat.completions.create({ model: 'oai/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect((upstreamAuth as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((upstreamAuth as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_authentication_failed');

    fakeAnthropic.setScript({ status: 529 }, { status: 529 }, { status: 529 });
    const overloaded = await anthropic.messages.create({ model: 'ant/claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    fakeOpenAI.setScript([]);
  });
});
