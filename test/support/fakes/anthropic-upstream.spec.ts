import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANTHROPIC_CONFIG } from '../../../plugins/provider-anthropic/config.schema.js';
import { createAnthropicAdapter } from '../../../plugins/provider-anthropic/index.js';
import { parseSseText, type ChatCompletionChunk, type ChatCompletionRequest, type UpstreamRequest } from '../../../src/plugin-sdk/index.js';
import { parseStreamPieces } from '../../../src/plugin-sdk/testing/stream.js';
import { startFakeAnthropic, type FakeAnthropic } from './anthropic-upstream.js';

const API_KEY = 'sk-ant-fake';
const adapter = createAnthropicAdapter(DEFAULT_ANTHROPIC_CONFIG);
let fake: FakeAnthropic;
let sdk: Anthropic;

const hello: ChatCompletionRequest = { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 32 };
const target = (apiKey = API_KEY) => ({ baseUrl: fake.url, apiKey, extra: {}, model: 'claude-haiku-4-5' });

async function send(request: UpstreamRequest, signal?: AbortSignal) {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: API_KEY });
  sdk = new Anthropic({ baseURL: fake.url, apiKey: API_KEY, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.setScript());

describe('fake Anthropic upstream', () => {
  it('answers a message that provider-anthropic parses, and records the request', async () => {
    const response = await send(adapter.chat.buildRequest(hello, target()));
    const parsed = adapter.chat.parseResponse(response, { request: hello, target: target() });
    expect(parsed.choices[0].message.content).toBe('Echo: Hello there');
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/messages', headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' } });
  });

  it('streams events in Anthropic order, which the official SDK assembles (text then tool use)', async () => {
    fake.setScript({ reply: 'Let me look that up.', toolUse: { name: 'lookup', input: { q: 'oslo' } }, usage: { input_tokens: 17, output_tokens: 23 } });
    const raw = await send({ ...adapter.chat.buildRequest({ ...hello, stream: true }, target()) });
    expect(parseSseText(raw.body).map((event) => event.event)).toEqual([
      'message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop',
    ]);
    fake.setScript({ reply: 'Let me look that up.', toolUse: { name: 'lookup', input: { q: 'oslo' }, id: 'toolu_1' }, usage: { input_tokens: 17, output_tokens: 23 } });
    const message = await sdk.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    expect(message.content).toMatchObject([{ type: 'text', text: 'Let me look that up.' }, { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'oslo' } }]);
    expect(message).toMatchObject({ stop_reason: 'tool_use', usage: { input_tokens: 17, output_tokens: 23 } });
  });

  it.each([
    [{ status: 429, retryAfterSeconds: 3 }, 'rate_limit', 3],
    [{ status: 529 }, 'overloaded', undefined],
    [{ status: 400, errorMessage: 'prompt is too long: 300000 tokens > 200000 maximum' }, 'context_length', undefined],
    [{ status: 500 }, 'server', undefined],
  ])('answers %j with an Anthropic error body (%s)', async (behaviour, errorClass, retryAfter) => {
    fake.setScript(behaviour);
    const response = await send(adapter.chat.buildRequest(hello, target()));
    expect(JSON.parse(response.body)).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
    const mapped = adapter.mapError(response.status, response.headers, response.body);
    expect(mapped).toMatchObject({ class: errorClass, status: behaviour.status });
    expect(mapped.retryAfterSeconds).toBe(retryAfter);
  });

  it('refuses a wrong or missing API key with 401 authentication_error', async () => {
    const wrong = await send(adapter.chat.buildRequest(hello, target('sk-ant-wrong')));
    expect(wrong.status).toBe(401);
    expect(adapter.mapError(wrong.status, wrong.headers, wrong.body).class).toBe('auth');
    const missing = await send(adapter.chat.buildRequest(hello, target('')));
    expect(JSON.parse(missing.body)).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });

  it('hangs until the client gives up, and delays the first byte when asked', async () => {
    fake.setScript({ hang: true }, { firstByteDelayMs: 150 });
    await expect(send(adapter.chat.buildRequest(hello, target()), AbortSignal.timeout(100))).rejects.toThrow();
    const started = Date.now();
    expect((await send(adapter.chat.buildRequest(hello, target()))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('cuts a stream after N events (no message_stop, so the adapter never marks it done)', async () => {
    fake.setScript({ cutAfterEvents: 4 });
    const request = { ...hello, stream: true };
    const built = adapter.chat.buildRequest(request, target());
    const response = await fetch(built.url, { method: 'POST', headers: built.headers, body: built.body });
    const pieces: string[] = [];
    await expect(
      (async () => {
        for await (const piece of response.body!) pieces.push(new TextDecoder().decode(piece));
      })(),
    ).rejects.toThrow();
    const { chunks, state } = parseStreamPieces(adapter, request, target(), pieces);
    expect(state.done).toBe(false);
    expect(chunks.map((chunk: ChatCompletionChunk) => chunk.choices[0]?.delta.content)).toEqual(['', 'Echo: ']);
  });

  it('sends a mid-stream error event that the SDK and the adapter both surface', async () => {
    fake.setScript({ errorAfterEvents: { events: 4 } });
    const stream = sdk.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi there friend' }] });
    await expect(stream.finalMessage()).rejects.toMatchObject({ error: { error: { type: 'overloaded_error' } } });
    fake.setScript({ errorAfterEvents: { events: 4, type: 'api_error', message: 'boom' } });
    const request = { ...hello, stream: true };
    const raw = await send(adapter.chat.buildRequest(request, target()));
    expect(() => parseStreamPieces(adapter, request, target(), [raw.body])).toThrow('Anthropic stream error (api_error): boom');
  });
});
