import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../canonical.js';
import type { ChatStreamState } from '../provider.js';
import { isGatewayOnlyChunk, isUsageOnlyChunk, parseOpenAiStreamEvent, UpstreamStreamError, USAGE_FOR_CALLER_KEY } from './stream.js';

const request: ChatCompletionRequest = { model: 'm', messages: [], stream: true };
const newState = (extra: Partial<ChatCompletionRequest> = {}): ChatStreamState => ({
  request: { ...request, ...extra },
  target: { baseUrl: 'http://x', extra: {}, model: 'up-model' },
  done: false,
  scratch: {},
});
const parse = (data: unknown, state = newState()) =>
  parseOpenAiStreamEvent({ event: 'message', data: typeof data === 'string' ? data : JSON.stringify(data) }, state);
const usage = { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 };
const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] };

describe('parseOpenAiStreamEvent', () => {
  it('ends the stream on [DONE]', () => {
    const state = newState();
    expect(parse('[DONE]', state)).toEqual([]);
    expect(state.done).toBe(true);
  });

  it('passes an OpenAI chunk through unchanged when the caller asked for usage', () => {
    const state = newState({ stream_options: { include_usage: true } });
    expect(parse({ ...chunk, usage: null }, state)).toEqual([{ ...chunk, usage: null }]);
    expect(parse({ ...chunk, choices: [], usage }, state)).toEqual([{ ...chunk, choices: [], usage }]);
    expect(state.scratch[USAGE_FOR_CALLER_KEY]).toBe(true);
  });

  it('marks the usage chunk gateway-only when the caller did not ask', () => {
    const state = newState();
    const [withoutUsage] = parse({ ...chunk, usage: null }, state);
    expect(withoutUsage).toEqual(chunk);
    const [usageChunk] = parse({ ...chunk, choices: [], usage }, state);
    expect(isUsageOnlyChunk(usageChunk)).toBe(true);
    expect(isGatewayOnlyChunk(usageChunk, state)).toBe(true);
    expect(isGatewayOnlyChunk(withoutUsage, state)).toBe(false);
  });

  it('reads a usage chunk whose choices are null (vLLM) and fills a missing object and model', () => {
    const [parsed] = parse({ id: 'c1', created: 1, choices: null, usage: { prompt_tokens: 2, completion_tokens: 3 } });
    expect(parsed).toEqual({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'up-model', choices: [], usage });
  });

  it('maps compatible finish reasons', () => {
    const [parsed] = parse({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'eos' }] });
    expect(parsed.choices[0].finish_reason).toBe('stop');
  });

  it('drops Azure’s prompt filter event', () => {
    expect(parse({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] })).toEqual([]);
  });

  it('throws UpstreamStreamError for an error event, and a plain error for foreign objects', () => {
    expect(() => parse({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } })).toThrow(UpstreamStreamError);
    expect(() => parse({ ...chunk, object: 'chat.completion' })).toThrow(/not chat.completion.chunk/);
    expect(() => parse('{"id":')).toThrow(/not JSON/);
  });

  it('does not treat a content chunk as usage-only', () => {
    const withUsage: ChatCompletionChunk = { ...(chunk as ChatCompletionChunk), usage };
    expect(isUsageOnlyChunk(withUsage)).toBe(false);
    expect(isUsageOnlyChunk({ ...(chunk as ChatCompletionChunk), choices: [] })).toBe(false);
  });
});
