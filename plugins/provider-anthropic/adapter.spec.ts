import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, ProviderError } from '../../src/plugin-sdk/index.js';
import { parseStreamPieces, readFixture } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_ANTHROPIC_CONFIG } from './config.schema.js';
import { createAnthropicAdapter } from './index.js';

const fixturesDir = join(__dirname, '__fixtures__');
const adapter = createAnthropicAdapter(DEFAULT_ANTHROPIC_CONFIG);
const target = { baseUrl: 'https://upstream.example/v1', apiKey: 'test-key', extra: {}, model: 'test-model' };

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1735689600_000);
});

describe('provider-anthropic recorded streams and errors beyond the shared suite', () => {
  it('turns a tool_use stream into indexed tool-call deltas whose arguments concatenate to JSON', () => {
    const fixture = readFixture<ChatCompletionRequest, ChatCompletionChunk[]>(fixturesDir, 'tool-use-stream');
    const { chunks, state } = parseStreamPieces(adapter, fixture.request, target, [fixture.body]);
    expect(chunks).toEqual(fixture.expected);
    expect(state.done).toBe(true);
    const args = chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).map((t) => t.function?.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ city: 'Oslo', unit: 'celsius' });
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('throws on an error event mid-stream, after the chunks before it, and never marks the stream done', () => {
    const fixture = readFixture<ChatCompletionRequest, { error: string }>(fixturesDir, 'stream-error');
    const state = { request: fixture.request, target, done: false, scratch: {} };
    const events = fixture.body.split('\n\n').filter(Boolean).map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return { event: eventLine.slice('event: '.length), data: dataLine.slice('data: '.length) };
    });
    const seen: ChatCompletionChunk[] = [];
    expect(() => events.forEach((event) => seen.push(...adapter.chat.parseStreamEvent(event, state)))).toThrow(fixture.expected.error);
    expect(seen.map((c) => c.choices[0]?.delta.content)).toEqual(['', 'Hello']);
    expect(state.done).toBe(false);
  });

  it.each([
    ['overloaded', 'overloaded'],
    ['prompt-too-long', 'context_length'],
  ])('maps the %s fixture to %s', (name, errorClass) => {
    const fixture = readFixture<ChatCompletionRequest, ProviderError>(fixturesDir, name);
    const mapped = adapter.mapError(fixture.status, fixture.headers, fixture.body);
    expect(mapped).toEqual(fixture.expected);
    expect(mapped.class).toBe(errorClass);
  });

  it.each([
    [403, 'permission_error', 'auth'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'context_length'],
    [500, 'api_error', 'server'],
    [503, 'overloaded_error', 'overloaded'],
  ])('maps %i %s to %s', (status, type, errorClass) => {
    expect(adapter.mapError(status, {}, JSON.stringify({ type: 'error', error: { type, message: 'x' } })).class).toBe(errorClass);
  });

  it('parses a tool_use answer to tool_calls with JSON-string arguments', () => {
    const body = JSON.stringify({
      id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }],
      stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 },
    });
    const parsed = adapter.chat.parseResponse({ status: 200, headers: {}, body }, { request: { model: 'm', messages: [] }, target });
    expect(parsed.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
    });
  });

  it('lists the account models when it names them, else the configured ones', () => {
    expect(adapter.listModels!({ baseUrl: '', extra: { models: ['claude-x'] } })).toEqual([
      { id: 'claude-x', object: 'model', created: 0, owned_by: 'anthropic', capabilities: ['chat'] },
    ]);
    expect((adapter.listModels!({ baseUrl: '', extra: {} }) as unknown[]).length).toBe(DEFAULT_ANTHROPIC_CONFIG.models.length);
  });
});
