import { describe, expect, it } from 'vitest';
import type { ChatCompletionResponse } from '../../../plugin-sdk/index.js';
import { anthropicErrorBody, canonicalResponseToAnthropic } from './index.js';

function completion(message: ChatCompletionResponse['choices'][0]['message'], finish: ChatCompletionResponse['choices'][0]['finish_reason']): ChatCompletionResponse {
  return { id: 'chatcmpl-abc', object: 'chat.completion', created: 1, model: 'gpt-x', choices: [{ index: 0, message, finish_reason: finish }], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } };
}

describe('canonicalResponseToAnthropic', () => {
  it('answers text under the requested model, with a msg_ id and usage', () => {
    expect(canonicalResponseToAnthropic(completion({ role: 'assistant', content: 'Hi!' }, 'stop'), 'claude-haiku-4-5')).toEqual({
      id: 'msg_abc', type: 'message', role: 'assistant', model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'Hi!' }], stop_reason: 'end_turn', stop_sequence: null,
      usage: { input_tokens: 9, output_tokens: 3 },
    });
  });

  it('answers text and tool calls as text and tool_use blocks, arguments parsed', () => {
    const message = canonicalResponseToAnthropic(
      completion({ role: 'assistant', content: 'Sure.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }, { id: 'call_2', type: 'function', function: { name: 'g', arguments: '' } }] }, 'tool_calls'),
      'm',
    );
    expect(message.content).toEqual([
      { type: 'text', text: 'Sure.' },
      { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } },
      { type: 'tool_use', id: 'call_2', name: 'g', input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['function_call', 'tool_use'],
    [null, 'end_turn'],
  ] as const)('maps finish_reason %s to stop_reason %s', (finish, stop) => {
    expect(canonicalResponseToAnthropic(completion({ role: 'assistant', content: 'x' }, finish), 'm').stop_reason).toBe(stop);
  });

  it('reports cache reads apart from input tokens and keeps an upstream msg_ id', () => {
    const response = { ...completion({ role: 'assistant', content: 'x' }, 'stop'), id: 'msg_up', usage: { prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_tokens_details: { cached_tokens: 60 } } };
    const message = canonicalResponseToAnthropic(response, 'm');
    expect(message.id).toBe('msg_up');
    expect(message.usage).toEqual({ input_tokens: 40, output_tokens: 5, cache_read_input_tokens: 60 });
  });

  it('keeps unparseable tool arguments rather than dropping them', () => {
    const message = canonicalResponseToAnthropic(completion({ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }, 'tool_calls'), 'm');
    expect(message.content).toEqual([{ type: 'tool_use', id: 'c', name: 'f', input: { arguments: '{oops' } }]);
  });
});

describe('anthropicErrorBody', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [503, 'overloaded_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('answers %i as %s', (status, type) => {
    expect(anthropicErrorBody(status, 'm')).toEqual({ type: 'error', error: { type, message: 'm' } });
  });

  it('carries the request id when given', () => {
    expect(anthropicErrorBody(429, 'slow', 'req_1')).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'slow' }, request_id: 'req_1' });
  });
});
