import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ProviderTarget } from '../../src/plugin-sdk/index.js';
import { parseStreamPieces, readFixture } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { isGatewayOnlyChunk, USAGE_FOR_CALLER_KEY } from '../../src/plugin-sdk/openai-wire/index.js';
import { join } from 'node:path';
import { DEFAULT_OPENAI_CONFIG } from './config.schema.js';
import { createOpenAiAdapter } from './index.js';

const adapter = createOpenAiAdapter(DEFAULT_OPENAI_CONFIG);
const fixtures = join(__dirname, '__fixtures__');
const target = (extra: Record<string, unknown> = {}, model = 'gpt-4o-mini'): ProviderTarget => ({
  baseUrl: 'https://api.openai.com/v1/',
  apiKey: 'sk-test',
  extra,
  model,
});
const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
const sentBody = (request: ChatCompletionRequest, to = target()) => JSON.parse(adapter.chat.buildRequest(request, to).body as string);

describe('provider-openai chat request', () => {
  it('posts to {baseUrl}/chat/completions with a bearer key and the upstream model', () => {
    const built = adapter.chat.buildRequest(ask(), target());
    expect(built).toEqual({
      method: 'POST',
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sk-test' },
      body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}',
    });
  });

  it('uses the plugin default base URL when the account has none, and sends organization and project headers', () => {
    const built = adapter.chat.buildRequest(ask(), { ...target({ organization: 'org-1', project: 'proj_2' }), baseUrl: '' });
    expect(built.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer sk-test',
      'openai-organization': 'org-1',
      'openai-project': 'proj_2',
    });
  });

  it('passes every message kind, multi-part content, tools and options through unchanged', () => {
    const request = ask({
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"answer":42}' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      stop: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      seed: 7,
      user: 'u-1',
    });
    const { model: _model, ...rest } = request;
    expect(sentBody(request)).toEqual({ ...rest, model: 'gpt-4o-mini' });
  });

  it('keeps max_tokens for classic models and moves it to max_completion_tokens for reasoning models', () => {
    expect(sentBody(ask({ max_tokens: 50 }))).toMatchObject({ max_tokens: 50 });
    expect(sentBody(ask({ max_completion_tokens: 60 }))).toMatchObject({ max_completion_tokens: 60 });
    const reasoning = sentBody(ask({ max_tokens: 50 }), target({}, 'o3-mini'));
    expect(reasoning.max_completion_tokens).toBe(50);
    expect('max_tokens' in reasoning).toBe(false);
    expect(sentBody(ask({ max_tokens: 50, max_completion_tokens: 80 }), target({}, 'gpt-5-mini'))).toMatchObject({ max_completion_tokens: 80 });
  });

  it('always asks for stream usage, keeping the caller’s other stream options', () => {
    expect(sentBody(ask({ stream: true }))).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(sentBody(ask({ stream: true, stream_options: { include_usage: false } })).stream_options).toEqual({ include_usage: true });
    expect('stream_options' in sentBody(ask())).toBe(false);
    expect(adapter.chat.buildRequest(ask({ stream: true }), target()).headers.accept).toBe('text/event-stream');
  });
});

describe('provider-openai Azure mode', () => {
  const azure = (azureSettings: Record<string, unknown>, model = 'gpt-4o'): ProviderTarget => ({
    baseUrl: 'https://contoso.openai.azure.com/',
    apiKey: 'azure-key',
    extra: { azure: azureSettings },
    model,
  });

  it('posts to the deployment named after the model, with api-version and an api-key header', () => {
    const built = adapter.chat.buildRequest(ask(), azure({}));
    expect(built.url).toBe('https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
    expect(built.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json', 'api-key': 'azure-key' });
  });

  it('honours the account deployment, the per-model map and the api version, and tolerates a trailing /openai', () => {
    const fixed = adapter.chat.buildRequest(ask(), { ...azure({ deployment: 'chat-prod', apiVersion: '2025-04-01-preview' }), baseUrl: 'https://c.openai.azure.com/openai' });
    expect(fixed.url).toBe('https://c.openai.azure.com/openai/deployments/chat-prod/chat/completions?api-version=2025-04-01-preview');
    const mapped = adapter.chat.buildRequest(ask(), azure({ deployment: 'chat-prod', deployments: { 'gpt-4o': 'my 4o' } }));
    expect(mapped.url).toBe('https://contoso.openai.azure.com/openai/deployments/my%204o/chat/completions?api-version=2024-10-21');
  });

  it('routes embeddings by the per-model map or the model name, never the chat deployment', () => {
    const request = { model: 'x', input: 'hello' };
    expect(adapter.embeddings!.buildRequest(request, azure({ deployment: 'chat-prod' }, 'text-embedding-3-small')).url).toBe(
      'https://contoso.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21',
    );
    expect(adapter.embeddings!.buildRequest(request, azure({ deployments: { 'text-embedding-3-small': 'emb' } }, 'text-embedding-3-small')).url).toContain('/deployments/emb/embeddings?');
  });

  it('refuses an Azure account without a base URL or with malformed settings, saying which setting', () => {
    expect(() => adapter.chat.buildRequest(ask(), { ...azure({}), baseUrl: '' })).toThrow(/resource endpoint/);
    expect(() => adapter.chat.buildRequest(ask(), azure({ deployments: ['a'] }))).toThrow(/azure.deployments/);
    expect(() => adapter.chat.buildRequest(ask(), target({ organization: 5 }))).toThrow(/organization/);
  });
});

describe('provider-openai streams', () => {
  it('assembles streamed tool-call deltas by index', () => {
    const fixture = readFixture(fixtures, 'tool-call-stream');
    const { chunks, state } = parseStreamPieces(adapter, fixture.request, target(), [fixture.body]);
    expect(state.done).toBe(true);
    const calls: Record<number, { id?: string; name?: string; arguments: string }> = {};
    for (const delta of chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []))) {
      const call = (calls[delta.index] ??= { arguments: '' });
      call.id ??= delta.id;
      call.name ??= delta.function?.name;
      call.arguments += delta.function?.arguments ?? '';
    }
    expect(calls).toEqual({
      0: { id: 'call_Oslo8TqK2rA1', name: 'get_weather', arguments: '{"city": "Oslo"}' },
      1: { id: 'call_Paris3mQ9vB7', name: 'get_weather', arguments: '{"city": "Paris"}' },
    });
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 61, completion_tokens: 46, total_tokens: 107 });
  });

  it('flags the usage chunk as gateway-only when the caller did not ask, and strips usage:null from the rest', () => {
    const fixture = readFixture(fixtures, 'good-stream');
    const { chunks, state } = parseStreamPieces(adapter, fixture.request, target(), [fixture.body]);
    expect(state.scratch[USAGE_FOR_CALLER_KEY]).toBe(false);
    expect(chunks.filter((chunk) => isGatewayOnlyChunk(chunk, state))).toEqual([chunks.at(-1)]);
    expect(chunks.slice(0, -1).every((chunk) => !('usage' in chunk))).toBe(true);
    expect(chunks.at(-1)!.usage).toEqual({
      prompt_tokens: 28,
      completion_tokens: 5,
      total_tokens: 33,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
  });

  it('forwards the usage chunk, and usage:null on the others, when the caller asked for it', () => {
    const fixture = readFixture(fixtures, 'raw-stream-chunks');
    const { chunks, state } = parseStreamPieces(adapter, fixture.request, target(), fixture.chunks!);
    expect(state.scratch[USAGE_FOR_CALLER_KEY]).toBe(true);
    expect(chunks.some((chunk) => isGatewayOnlyChunk(chunk, state))).toBe(false);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('drops Azure’s prompt-filter event and keeps content-filter results on choices', () => {
    const fixture = readFixture(join(fixtures, 'azure'), 'good-stream');
    const { chunks } = parseStreamPieces(adapter, fixture.request, target({ azure: {} }), [fixture.body]);
    expect(fixture.body.startsWith('data: {"choices":[],"created":0,"id":""')).toBe(true);
    expect(chunks.map((chunk) => chunk.id)).toEqual(Array(5).fill('chatcmpl-BhTq2x9bZ1oVkQm3rLpN8sYcW4aEf'));
    expect(chunks[1].choices[0]).toMatchObject({ content_filter_results: { hate: { filtered: false, severity: 'safe' } } });
  });

  it('keeps cached and reasoning token details of a non-streamed answer', () => {
    const fixture = readFixture(fixtures, 'good');
    const parsed = adapter.chat.parseResponse({ status: 200, headers: {}, body: fixture.body }, { request: fixture.request, target: target() });
    expect(parsed.usage).toMatchObject({ prompt_tokens: 1283, prompt_tokens_details: { cached_tokens: 1152 }, completion_tokens_details: { reasoning_tokens: 0 } });
  });
});
