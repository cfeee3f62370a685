import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSseText, type ChatCompletionRequest, type ProviderTarget } from '../../../src/plugin-sdk/index.js';
import { parseStreamPieces } from '../../../src/plugin-sdk/testing/stream.js';
import { DEFAULT_GEMINI_CONFIG } from '../../../plugins/provider-gemini/config.schema.js';
import { createGeminiAdapter } from '../../../plugins/provider-gemini/index.js';
import { startFakeGemini, type FakeGemini } from './gemini-upstream.js';

let gemini: FakeGemini;
const adapter = createGeminiAdapter(DEFAULT_GEMINI_CONFIG);
const ask: ChatCompletionRequest = { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'hello there' }] };

function target(): ProviderTarget {
  return { baseUrl: gemini.url, apiKey: 'AIza-good', extra: {}, model: 'gemini-2.0-flash' };
}

async function send(request: ChatCompletionRequest, to: ProviderTarget = target()) {
  const built = adapter.chat.buildRequest(request, to);
  return fetch(built.url, { method: built.method, headers: built.headers, body: built.body as string });
}

beforeAll(async () => {
  gemini = await startFakeGemini({ apiKey: 'AIza-good' });
});
afterAll(() => gemini.close());
beforeEach(() => {
  gemini.setScript();
  gemini.requests.length = 0;
});

describe('fake Gemini upstream', () => {
  it('answers generateContent in Gemini format, parsed by the adapter', async () => {
    const response = await send(ask);
    expect(response.status).toBe(200);
    const parsed = adapter.chat.parseResponse({ status: 200, headers: {}, body: await response.text() }, { request: ask, target: target() });
    expect(parsed.choices).toEqual([{ index: 0, message: { role: 'assistant', content: 'Echo: hello there', refusal: null }, logprobs: null, finish_reason: 'stop' }]);
    expect(parsed.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(gemini.requests[0]).toMatchObject({ method: 'POST', path: '/v1beta/models/gemini-2.0-flash:generateContent', body: { contents: [{ role: 'user', parts: [{ text: 'hello there' }] }] } });
    expect(gemini.requests[0].headers['x-goog-api-key']).toBe('AIza-good');
  });

  it('streams SSE chunk by chunk, with real delays, to a done stream', async () => {
    gemini.setScript({ reply: 'one two three four', chunks: 4, chunkDelayMs: 30 });
    const started = Date.now();
    const response = await send({ ...ask, stream: true, stream_options: { include_usage: true } });
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(parseSseText(text)).toHaveLength(4);
    const { chunks, state } = parseStreamPieces(adapter, { ...ask, stream: true, stream_options: { include_usage: true } }, target(), [text]);
    expect(state.done).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? null)).toEqual(['one ', 'two ', 'three ', 'four', null]);
    expect(gemini.requests[0].query).toEqual({ alt: 'sse' });
  });

  it('answers a scripted status with a Gemini error body and retry hints', async () => {
    gemini.setScript({ status: 429, retryAfterSeconds: 3 });
    const response = await send(ask);
    const body = await response.text();
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '3']);
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }],
      },
    });
    expect(adapter.mapError(429, { 'retry-after': '3' }, body)).toMatchObject({ class: 'rate_limit', retryAfterSeconds: 3 });
  });

  it('follows the script in order, then answers normally', async () => {
    gemini.setScript({ status: 503 }, { status: 500 });
    expect([(await send(ask)).status, (await send(ask)).status, (await send(ask)).status]).toEqual([503, 500, 200]);
  });

  it('checks the API key: missing → 403, wrong → 400 API_KEY_INVALID', async () => {
    const missing = await send(ask, { ...target(), apiKey: undefined });
    expect(adapter.mapError(missing.status, {}, await missing.text())).toMatchObject({ class: 'auth', status: 403, code: 'PERMISSION_DENIED' });
    const wrong = await send(ask, { ...target(), apiKey: 'AIza-bad' });
    expect(adapter.mapError(wrong.status, {}, await wrong.text())).toMatchObject({ class: 'auth', status: 400, code: 'API_KEY_INVALID' });
  });

  it('hangs until the client gives up', async () => {
    gemini.setScript({ hang: true });
    const built = adapter.chat.buildRequest(ask, target());
    const started = Date.now();
    await expect(fetch(built.url, { method: 'POST', headers: built.headers, body: built.body as string, signal: AbortSignal.timeout(150) })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(gemini.requests).toHaveLength(1);
  });

  it('cuts a stream after N chunks, leaving the adapter not done', async () => {
    gemini.setScript({ reply: 'a b c d', chunks: 4, cutAfterChunks: 2 });
    const response = await send({ ...ask, stream: true });
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const piece of response.body!) received.push(new TextDecoder().decode(piece));
      })(),
    ).rejects.toThrow();
    const { state, chunks } = parseStreamPieces(adapter, { ...ask, stream: true }, target(), received);
    expect(chunks).toHaveLength(2);
    expect(state.done).toBe(false);
  });

  it('delays the first byte', async () => {
    gemini.setScript({ firstByteDelayMs: 120 });
    const started = Date.now();
    expect((await send(ask)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('blocks a prompt and answers a function call when scripted', async () => {
    gemini.setScript({ blockReason: 'SAFETY' }, { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } });
    const blocked = adapter.chat.parseResponse({ status: 200, headers: {}, body: await (await send(ask)).text() }, { request: ask, target: target() });
    expect(blocked.choices[0].finish_reason).toBe('content_filter');
    const called = adapter.chat.parseResponse({ status: 200, headers: {}, body: await (await send(ask)).text() }, { request: ask, target: target() });
    expect(called.choices[0].message.tool_calls?.[0].function).toEqual({ name: 'get_weather', arguments: '{"city":"Oslo"}' });
    expect(called.choices[0].finish_reason).toBe('tool_calls');
  });

  it('embeds a batch and lists models', async () => {
    const request = { model: 'text-embedding-004', input: ['a', 'b'], dimensions: 4 };
    const built = adapter.embeddings!.buildRequest(request, { ...target(), model: 'text-embedding-004' });
    const response = await fetch(built.url, { method: 'POST', headers: built.headers, body: built.body as string });
    const parsed = adapter.embeddings!.parseResponse({ status: 200, headers: {}, body: await response.text() }, { request, target: { ...target(), model: 'text-embedding-004' } });
    expect(parsed.data.map((item) => (item.embedding as number[]).length)).toEqual([4, 4]);
    const models = (await (await fetch(`${gemini.url}/v1beta/models`, { headers: { 'x-goog-api-key': 'AIza-good' } })).json()) as { models: unknown[] };
    expect(models.models[0]).toEqual({
      name: 'models/gemini-2.0-flash',
      version: '001',
      displayName: 'Gemini 2.0 Flash',
      inputTokenLimit: 1048576,
      outputTokenLimit: 8192,
      supportedGenerationMethods: ['generateContent', 'countTokens'],
    });
  });
});
