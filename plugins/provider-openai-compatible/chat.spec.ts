import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnsupportedParameterError, type ChatCompletionRequest, type ProviderTarget } from '../../src/plugin-sdk/index.js';
import { USAGE_FOR_CALLER_KEY } from '../../src/plugin-sdk/openai-wire/index.js';
import { parseStreamPieces, readFixture } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_COMPATIBLE_CONFIG, type CompatibleSettings } from './config.schema.js';
import { createCompatibleAdapter } from './index.js';

const fixtures = join(__dirname, '__fixtures__');
const adapterWith = (config: Partial<CompatibleSettings> = {}) => createCompatibleAdapter({ ...DEFAULT_COMPATIBLE_CONFIG, ...config });
const target = (extra: Record<string, unknown> = {}, apiKey?: string): ProviderTarget => ({
  baseUrl: 'http://localhost:11434/v1',
  extra,
  model: 'llama3.2',
  ...(apiKey !== undefined && { apiKey }),
});
const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({ model: 'local/llama', messages: [{ role: 'user', content: 'Hi' }], ...extra });

function refusal(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (error) {
    if (isUnsupportedParameterError(error)) return error.param;
    throw error;
  }
}

describe('provider-openai-compatible chat request', () => {
  it('posts to {baseUrl}/chat/completions without authorization when the account has no key', () => {
    expect(adapterWith().chat.buildRequest(ask(), target())).toEqual({
      method: 'POST',
      url: 'http://localhost:11434/v1/chat/completions',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"model":"llama3.2","messages":[{"role":"user","content":"Hi"}]}',
    });
  });

  it('sends a bearer key and the extra headers, the account’s winning over the plugin’s', () => {
    const adapter = adapterWith({ extraHeaders: { 'X-Tenant': 'plugin', 'x-region': 'eu' } });
    const built = adapter.chat.buildRequest(ask(), target({ extraHeaders: { 'X-Tenant': 'account' } }, 'gsk_1'));
    expect(built.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer gsk_1', 'x-tenant': 'account' });
    expect(adapter.chat.buildRequest(ask(), target({}, 'gsk_1')).headers).toMatchObject({ 'x-tenant': 'plugin', 'x-region': 'eu' });
  });

  it('sends the limit as max_tokens and developer messages as system by default', () => {
    const body = JSON.parse(adapterWith().chat.buildRequest(ask({ max_completion_tokens: 64, messages: [{ role: 'developer', content: 'Be brief.' }] }), target()).body as string);
    expect(body).toEqual({ model: 'llama3.2', messages: [{ role: 'system', content: 'Be brief.' }], max_tokens: 64 });
  });

  it('follows account overrides for the limit name and the developer role', () => {
    const request = ask({ max_tokens: 64, messages: [{ role: 'developer', content: 'Be brief.' }] });
    const body = JSON.parse(adapterWith().chat.buildRequest(request, target({ maxTokensParameter: 'max_completion_tokens', developerRole: 'developer' })).body as string);
    expect(body).toEqual({ model: 'llama3.2', messages: [{ role: 'developer', content: 'Be brief.' }], max_completion_tokens: 64 });
  });

  it('asks for stream usage only from servers that support it', () => {
    const streamed = ask({ stream: true, stream_options: { include_usage: true } });
    expect(JSON.parse(adapterWith().chat.buildRequest(ask({ stream: true }), target()).body as string).stream_options).toEqual({ include_usage: true });
    expect('stream_options' in JSON.parse(adapterWith({ supportsStreamUsage: false }).chat.buildRequest(streamed, target()).body as string)).toBe(false);
    expect('stream_options' in JSON.parse(adapterWith().chat.buildRequest(streamed, target({ supportsStreamUsage: false })).body as string)).toBe(false);
  });

  it('refuses a baseUrl-less account and malformed account settings', () => {
    expect(() => adapterWith().chat.buildRequest(ask(), { ...target(), baseUrl: '' })).toThrow(/needs a baseUrl/);
    expect(() => adapterWith().chat.buildRequest(ask(), target({ supportsTools: 'yes' }))).toThrow(/"supportsTools" must be true or false/);
    expect(() => adapterWith().chat.buildRequest(ask(), target({ extraHeaders: { a: 1 } }))).toThrow(/"extraHeaders" must be an object of strings/);
  });
});

describe('provider-openai-compatible unsupported features → 400 naming the parameter', () => {
  const image = { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AAAA' } };
  it.each<[string, Partial<CompatibleSettings>, Partial<ChatCompletionRequest>, string]>([
    ['tools', { supportsTools: false }, { tools: [{ type: 'function', function: { name: 'f' } }] }, 'tools'],
    ['tool_choice', { supportsTools: false }, { tool_choice: 'required' }, 'tool_choice'],
    ['json_schema', { supportsJsonSchema: false }, { response_format: { type: 'json_schema', json_schema: { name: 'a', schema: {} } } }, 'response_format'],
    ['image input', { supportsVision: false }, { messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, image] }] }, 'messages[0].content[1]'],
  ])('%s, when the plugin config says so', (_name, config, extra, param) => {
    expect(refusal(() => adapterWith(config).chat.buildRequest(ask(extra), target()))).toBe(param);
    expect(refusal(() => adapterWith().chat.buildRequest(ask(extra), target()))).toBeUndefined();
  });

  it('when the account says so, and an account may also re-enable a feature', () => {
    const tools = ask({ tools: [{ type: 'function', function: { name: 'f' } }] });
    expect(refusal(() => adapterWith().chat.buildRequest(tools, target({ supportsTools: false })))).toBe('tools');
    expect(refusal(() => adapterWith({ supportsTools: false }).chat.buildRequest(tools, target({ supportsTools: true })))).toBeUndefined();
  });
});

describe('provider-openai-compatible answers', () => {
  it('parses a vLLM answer, keeping its extra fields, and drops null usage details', () => {
    const fixture = readFixture(fixtures, 'good');
    const parsed = adapterWith().chat.parseResponse({ status: 200, headers: {}, body: fixture.body }, { request: fixture.request, target: target() });
    expect(parsed.usage).toEqual({ prompt_tokens: 27, completion_tokens: 5, total_tokens: 32 });
    expect(parsed.choices[0]).toMatchObject({ finish_reason: 'stop', stop_reason: null, message: { content: 'Hello, Portico!' } });
  });

  it('flags the usage chunk the gateway asked for on its own', () => {
    const fixture = readFixture(fixtures, 'good-stream');
    const { chunks, state } = parseStreamPieces(adapterWith(), fixture.request, target(), [fixture.body]);
    expect(state.scratch[USAGE_FOR_CALLER_KEY]).toBe(false);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 27, completion_tokens: 5, total_tokens: 32 } });
  });

  it('streams vLLM tool-call deltas with their index', () => {
    const fixture = readFixture(fixtures, 'tool-call-stream');
    const { chunks } = parseStreamPieces(adapterWith(), fixture.request, target(), [fixture.body]);
    const deltas = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(deltas.map((delta) => delta.index)).toEqual([0, 0, 0]);
    expect(deltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe('{"city": "Oslo"}');
    expect(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['tool_calls']);
  });

  it.each([
    ['context-length', 'context_length'],
    ['model-not-found', 'not_found'],
    ['unauthorized', 'auth'],
  ])('maps the %s fixture to %s', (name, errorClass) => {
    const fixture = readFixture(fixtures, name);
    const mapped = adapterWith().mapError(fixture.status, fixture.headers, fixture.body);
    expect(mapped).toEqual(fixture.expected);
    expect(mapped.class).toBe(errorClass);
  });

  it('lists the configured models, the account’s list winning', async () => {
    const adapter = adapterWith({ models: ['llama3.2'] });
    expect(await adapter.listModels!({ baseUrl: 'http://x/v1', extra: {} })).toEqual([{ id: 'llama3.2', object: 'model', created: 0, owned_by: 'openai-compatible' }]);
    expect((await adapter.listModels!({ baseUrl: 'http://x/v1', extra: { models: ['qwen2.5', 'nomic-embed-text'] } })).map((model) => model.id)).toEqual(['qwen2.5', 'nomic-embed-text']);
  });
});
