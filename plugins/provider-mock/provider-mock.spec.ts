import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import { PluginHost } from '../../src/plugin-host/plugin-host.js';
import { type ChatResult, ProviderCaller, ProviderStreamError } from '../../src/plugin-host/provider-call.js';
import { DEFAULT_MOCK_CONFIG, type MockProviderConfig } from './config.schema.js';
import { CHAT_FIXTURE_REQUESTS, fixtureTarget } from './fixtures.js';
import { createMockAdapter } from './index.js';
import { toMockHttpRequest } from './upstream.js';

const hosts: PluginHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

async function callerWith(config: Partial<MockProviderConfig> = {}): Promise<ProviderCaller> {
  const host = new PluginHost({ plugins: ['provider-mock'], config: { 'provider-mock': config } });
  hosts.push(host);
  await host.start();
  return new ProviderCaller(host);
}

const ask = (content: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'mock-chat',
  messages: [{ role: 'user', content }],
  ...extra,
});

function chat(caller: ProviderCaller, request: ChatCompletionRequest, signal?: AbortSignal): Promise<ChatResult> {
  return caller.chat({ providerId: 'provider-mock', target: fixtureTarget(request.model), request, signal });
}

async function drain(result: ChatResult): Promise<ChatCompletionChunk[]> {
  if (!result.ok || result.kind !== 'stream') throw new Error(`expected a stream, got ${JSON.stringify(result)}`);
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of result.chunks) chunks.push(chunk);
  return chunks;
}

async function rawBody(request: ChatCompletionRequest, config = DEFAULT_MOCK_CONFIG): Promise<string> {
  const adapter = createMockAdapter(config);
  const answer = await adapter.localUpstream!(adapter.chat.buildRequest(request, fixtureTarget(request.model)), new AbortController().signal);
  if (typeof answer.body === 'string') return answer.body;
  let text = '';
  for await (const piece of answer.body) text += piece;
  return text;
}

describe('provider-mock determinism', () => {
  it('answers the same bytes for the same input and different bytes for a different input', async () => {
    const first = await rawBody(ask('same question'));
    expect(await rawBody(ask('same question'))).toBe(first);
    expect(await rawBody(ask('other question'))).not.toBe(first);
  });

  it('streams exactly the committed good-stream fixture', async () => {
    const expected = readFileSync(join(__dirname, '__fixtures__', 'good-stream.body.sse'), 'utf8');
    expect(await rawBody(CHAT_FIXTURE_REQUESTS['good-stream'])).toBe(expected);
    expect(expected.endsWith('}\n\ndata: [DONE]\n\n')).toBe(true);
  });

  it('streams the same content and usage as the non-streamed answer', async () => {
    const caller = await callerWith();
    const whole = await chat(caller, ask('compare me'));
    const chunks = await drain(await chat(caller, ask('compare me', { stream: true, stream_options: { include_usage: true } })));
    if (!whole.ok || whole.kind !== 'response') throw new Error('expected a response');
    const streamed = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(streamed).toBe(whole.response.choices[0].message.content);
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(whole.response.usage);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('omits usage from chunks unless include_usage is asked for', async () => {
    const chunks = await drain(await chat(await callerWith(), ask('no usage', { stream: true })));
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('stop');
  });

  it('honours replyWords, wordsPerChunk, max_tokens, stop and n', async () => {
    const caller = await callerWith({ replyWords: 10, wordsPerChunk: 4 });
    const chunks = await drain(await chat(caller, ask('shape', { stream: true })));
    expect(chunks.map((chunk) => chunk.choices[0].delta.content?.split(' ').filter(Boolean).length ?? 0)).toEqual([0, 4, 4, 2, 0]);
    const limited = await chat(caller, ask('shape', { max_tokens: 3, n: 2 }));
    if (!limited.ok || limited.kind !== 'response') throw new Error('expected a response');
    expect(limited.response.choices.map((choice) => [choice.index, choice.finish_reason])).toEqual([[0, 'length'], [1, 'length']]);
    expect(limited.response.usage?.completion_tokens).toBe(6);
    const stopped = await chat(caller, ask('shape', { stop: ['mock'] }));
    if (!stopped.ok || stopped.kind !== 'response') throw new Error('expected a response');
    expect(stopped.response.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'stop' });
  });

  it('calls the forced tool with deterministic arguments', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object' } } }];
    const result = await chat(await callerWith(), ask('use the tool', { tools, tool_choice: 'required' }));
    if (!result.ok || result.kind !== 'response') throw new Error('expected a response');
    const choice = result.response.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'lookup' } });
    expect(JSON.parse(choice.message.tool_calls![0].function.arguments)).toHaveProperty('mock');
  });
});

describe('provider-mock directives', () => {
  it('[mock:status=429] answers rate_limit with retry-after', async () => {
    const result = await chat(await callerWith(), ask('x [mock:status=429]'));
    expect(result).toMatchObject({ ok: false, status: 429, headers: { 'retry-after': '1' } });
    expect(!result.ok && result.error).toMatchObject({ class: 'rate_limit', retryAfterSeconds: 1, code: 'rate_limit_exceeded' });
  });

  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [404, 'not_found'],
    [500, 'server'],
    [503, 'overloaded'],
  ])('[mock:status=%i] maps to %s', async (status, errorClass) => {
    const result = await chat(await callerWith(), ask(`x [mock:status=${status}]`, { stream: true }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ class: errorClass, status });
  });

  it('answers context_length when the prompt exceeds the model window', async () => {
    const result = await chat(await callerWith(), ask('word '.repeat(9000)));
    expect(!result.ok && result.error).toMatchObject({ class: 'context_length', status: 400, code: 'context_length_exceeded' });
  });

  it('[mock:latency=120] delays the first byte', async () => {
    const caller = await callerWith();
    const started = performance.now();
    await chat(caller, ask('slow [mock:latency=120]'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('[mock:cut-stream=3] ends the stream abruptly after 3 chunks', async () => {
    const result = await chat(await callerWith(), ask('cut [mock:cut-stream=3]', { stream: true }));
    if (!result.ok || result.kind !== 'stream') throw new Error('expected a stream');
    const received: ChatCompletionChunk[] = [];
    const failure = await (async () => {
      for await (const chunk of result.chunks) received.push(chunk);
    })().catch((error: unknown) => error);
    expect(received).toHaveLength(3);
    expect(failure).toBeInstanceOf(ProviderStreamError);
    expect((failure as ProviderStreamError).providerError.class).toBe('server');
    expect(result.state.done).toBe(false);
  });

  it('[mock:hang] waits until the caller aborts', async () => {
    const caller = await callerWith();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('client went away')), 30);
    await expect(chat(caller, ask('[mock:hang]'), controller.signal)).rejects.toThrow('client went away');
  });

  it('stops a slow stream when the caller aborts', async () => {
    const caller = await callerWith({ chunkDelayMs: 20 });
    const controller = new AbortController();
    const result = await chat(caller, ask('abort me', { stream: true }), controller.signal);
    if (!result.ok || result.kind !== 'stream') throw new Error('expected a stream');
    const received: ChatCompletionChunk[] = [];
    const failure = await (async () => {
      for await (const chunk of result.chunks) {
        received.push(chunk);
        if (received.length === 2) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(received).toHaveLength(2);
    expect((failure as Error).name).toBe('AbortError');
  });

  it('fails a seeded, repeatable share of requests with failureRate', async () => {
    const pattern = async () => {
      const caller = await callerWith({ failureRate: 0.5, seed: 7 });
      const results = [];
      for (let i = 0; i < 12; i++) results.push((await chat(caller, ask(`n${i}`))).ok ? '.' : 'x');
      return results.join('');
    };
    const first = await pattern();
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await pattern()).toBe(first);
  });
});

describe('provider-mock embeddings and models', () => {
  const embed = async (caller: ProviderCaller, input: string | string[], extra: Record<string, unknown> = {}) => {
    const result = await caller.embeddings({ providerId: 'provider-mock', target: fixtureTarget('mock-embed'), request: { model: 'mock-embed', input, ...extra } });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.response;
  };

  it('returns deterministic unit vectors of the configured or requested dimension', async () => {
    const caller = await callerWith({ embeddingDimensions: 32 });
    const first = await embed(caller, ['alpha', 'beta']);
    expect(first.data.map((item) => (item.embedding as number[]).length)).toEqual([32, 32]);
    for (const item of first.data) {
      const norm = Math.hypot(...(item.embedding as number[]));
      expect(norm).toBeCloseTo(1, 10);
    }
    expect((await embed(caller, 'alpha')).data[0].embedding).toEqual(first.data[0].embedding);
    expect(first.data[1].embedding).not.toEqual(first.data[0].embedding);
    expect((await embed(caller, 'alpha', { dimensions: 5 })).data[0].embedding).toHaveLength(5);
  });

  it('encodes base64 float32 vectors when asked', async () => {
    const caller = await callerWith({ embeddingDimensions: 8 });
    const floats = (await embed(caller, 'alpha')).data[0].embedding as number[];
    const encoded = (await embed(caller, 'alpha', { encoding_format: 'base64' })).data[0].embedding as string;
    const decoded = new Float32Array(Uint8Array.from(Buffer.from(encoded, 'base64')).buffer);
    expect([...decoded]).toEqual(floats.map((value) => Math.fround(value)));
  });

  it('lists its models and refuses an unknown one with model_not_found', async () => {
    const caller = await callerWith();
    expect((await caller.listModels('provider-mock', { baseUrl: '', extra: {} })).map((model) => model.id)).toEqual([
      'mock-chat',
      'mock-chat-large',
      'mock-embed',
    ]);
    const result = await chat(caller, ask('hi', { model: 'mock-nope' }));
    expect(!result.ok && result.error).toMatchObject({ class: 'not_found', code: 'model_not_found' });
  });

  it('maps request URLs to upstream paths', () => {
    const request = toMockHttpRequest({ method: 'GET', url: 'http://x.invalid/v1/models', headers: {} });
    expect(request).toEqual({ method: 'GET', path: '/v1/models', headers: {}, body: '' });
  });
});
