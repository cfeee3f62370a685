import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OPENAI_CONFIG } from '../../../plugins/provider-openai/config.schema.js';
import { createOpenAiAdapter } from '../../../plugins/provider-openai/index.js';
import { parseSseText, type ChatCompletionRequest, type ProviderTarget } from '../../../src/plugin-sdk/index.js';
import { isGatewayOnlyChunk } from '../../../src/plugin-sdk/openai-wire/index.js';
import { parseStreamPieces } from '../../../src/plugin-sdk/testing/stream.js';
import { DEFAULT_FAKE_REPLY, startFakeOpenAI, type FakeOpenAI } from './openai-upstream.js';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI({ chunkDelayMs: 15 });
});
afterEach(async () => {
  await fake.close();
});

const chatBody = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello please' }], ...extra });

function post(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

const events = (text: string) => parseSseText(text).map((event) => (event.data === '[DONE]' ? '[DONE]' : JSON.parse(event.data)));

describe('fake OpenAI upstream', () => {
  it('answers a chat completion in OpenAI’s format and records the request', async () => {
    const response = await post('/v1/chat/completions', chatBody());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string };
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: DEFAULT_FAKE_REPLY, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(body.id).toMatch(/^chatcmpl-fake[0-9a-f]{24}$/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: chatBody() });
    expect(fake.requests[0].headers.authorization).toBe('Bearer sk-test');
  });

  it('streams chunk by chunk with delays, ending with usage when asked and [DONE]', async () => {
    const started = Date.now();
    const response = await post('/v1/chat/completions', chatBody({ stream: true, stream_options: { include_usage: true } }));
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const parsed = events(await response.text());
    expect(Date.now() - started).toBeGreaterThanOrEqual(15 * (parsed.length - 2));
    expect(parsed.at(-1)).toBe('[DONE]');
    expect(parsed.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 } });
    expect(parsed.slice(0, -2).every((chunk) => chunk.usage === null && chunk.object === 'chat.completion.chunk')).toBe(true);
    const text = parsed.slice(0, -2).map((chunk) => chunk.choices[0].delta.content ?? '').join('');
    expect(text).toBe(DEFAULT_FAKE_REPLY);
  });

  it('streams tool calls as indexed deltas', async () => {
    fake.setScript([{ kind: 'ok', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Oslo"}' }] }]);
    const parsed = events(await (await post('/v1/chat/completions', chatBody({ stream: true }))).text());
    const deltas = parsed.slice(0, -1).flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    expect(deltas[0]).toEqual({ index: 0, id: 'call_fake0', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(deltas.map((delta: { function: { arguments: string } }) => delta.function.arguments).join('')).toBe('{"city":"Oslo"}');
    expect(parsed.at(-2).choices[0].finish_reason).toBe('tool_calls');
    expect('usage' in parsed[0]).toBe(false);
  });

  it('fails with the scripted status, OpenAI error body and retry-after', async () => {
    fake.setScript([{ kind: 'error', status: 429 }, { kind: 'error', status: 400, code: 'context_length_exceeded', message: 'too long', param: 'messages' }]);
    const limited = await post('/v1/chat/completions', chatBody());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ error: { message: 'Rate limit reached for requests. Please try again in 1s.', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    const tooLong = await post('/v1/chat/completions', chatBody());
    expect(await tooLong.json()).toEqual({ error: { message: 'too long', type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } });
    expect((await post('/v1/chat/completions', chatBody())).status).toBe(200);
  });

  it('decides per request with a script function and can insist on an API key', async () => {
    fake.setScript(() => ({ kind: 'require-key', key: 'sk-right' }));
    expect((await post('/v1/chat/completions', chatBody())).status).toBe(401);
    expect((await post('/v1/chat/completions', chatBody(), { authorization: 'Bearer sk-right' })).status).toBe(200);
  });

  it('hangs without answering until the client gives up', async () => {
    fake.setScript([{ kind: 'hang' }]);
    await expect(post('/v1/chat/completions', chatBody(), {}, AbortSignal.timeout(150))).rejects.toThrow(/aborted|timeout/i);
  });

  it('delays the first byte', async () => {
    fake.setScript([{ kind: 'ok', firstByteDelayMs: 200 }]);
    const started = Date.now();
    await post('/v1/chat/completions', chatBody());
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('cuts a stream after N events by destroying the socket', async () => {
    fake.setScript([{ kind: 'cut', afterChunks: 2 }]);
    const response = await post('/v1/chat/completions', chatBody({ stream: true }));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = '';
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      })(),
    ).rejects.toThrow(/terminated/);
    expect(parseSseText(received)).toHaveLength(2);
  });

  it('serves Azure deployment paths, requiring api-version', async () => {
    const path = '/openai/deployments/my-4o/chat/completions';
    expect((await post(path, chatBody(), { 'api-key': 'k' })).status).toBe(404);
    const response = await post(`${path}?api-version=2024-10-21`, chatBody(), { 'api-key': 'k' });
    expect(((await response.json()) as { model: string }).model).toBe('my-4o');
    expect(fake.requests[1]).toMatchObject({ path, query: { 'api-version': '2024-10-21' } });
    expect(fake.requests[1].headers['api-key']).toBe('k');
  });

  it('answers embeddings and the model list', async () => {
    const embeddings = (await (await post('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a b', 'c'], dimensions: 4 })).json()) as { data: Array<{ index: number; embedding: number[] }> };
    expect(embeddings).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 3, total_tokens: 3 } });
    expect(embeddings.data.map((item) => [item.index, item.embedding.length])).toEqual([[0, 4], [1, 4]]);
    const models = (await (await fetch(`${fake.baseUrl}/models`)).json()) as { data: unknown[] };
    expect(models.data[0]).toEqual({ id: 'gpt-4o-mini', object: 'model', created: 1749804000, owned_by: 'system' });
  });

  it('refuses unknown paths the way OpenAI does', async () => {
    const response = await post('/v1/completion', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/completion)', type: 'invalid_request_error', param: null, code: null } });
  });
});

describe('provider-openai against the fake', () => {
  const adapter = createOpenAiAdapter(DEFAULT_OPENAI_CONFIG);
  const target = (): ProviderTarget => ({ baseUrl: fake.baseUrl, apiKey: 'sk-test', extra: {}, model: 'gpt-4o-mini' });
  const request: ChatCompletionRequest = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello please' }], stream: true };

  it('gets usage for billing although the caller did not ask, and flags it gateway-only', async () => {
    const built = adapter.chat.buildRequest(request, target());
    const response = await fetch(built.url, { method: built.method, headers: built.headers, body: built.body });
    const { chunks, state } = parseStreamPieces(adapter, request, target(), [await response.text()]);
    expect(state.done).toBe(true);
    const gatewayOnly = chunks.filter((chunk) => isGatewayOnlyChunk(chunk, state));
    expect(gatewayOnly).toHaveLength(1);
    expect(gatewayOnly[0].usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
  });

  it('maps a scripted 429 with its retry delay', async () => {
    fake.setScript([{ kind: 'error', status: 429, retryAfter: '7' }]);
    const built = adapter.chat.buildRequest({ ...request, stream: false }, target());
    const response = await fetch(built.url, { method: built.method, headers: built.headers, body: built.body });
    const headers = Object.fromEntries(response.headers);
    expect(adapter.mapError(response.status, headers, await response.text())).toMatchObject({ class: 'rate_limit', retryAfterSeconds: 7, code: 'rate_limit_exceeded' });
  });
});
