import { describe, expect, it } from 'vitest';
import { normalizeFinishReason, normalizeUsage, parseOpenAiChatCompletion, parseOpenAiEmbeddings } from './response.js';

describe('normalizeFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['function_call', 'function_call'],
    ['eos', 'stop'],
    ['end_turn', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['something_new', 'stop'],
    [null, null],
    [undefined, null],
  ])('%s → %s', (reason, expected) => {
    expect(normalizeFinishReason(reason)).toBe(expected);
  });
});

describe('normalizeUsage', () => {
  it('keeps details and fills a missing total', () => {
    expect(normalizeUsage({ prompt_tokens: 3, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 1 } })).toEqual({
      prompt_tokens: 3,
      completion_tokens: 2,
      total_tokens: 5,
      prompt_tokens_details: { cached_tokens: 1 },
    });
    expect(normalizeUsage({ prompt_tokens: 1, completion_tokens: 0, total_tokens: 1, prompt_tokens_details: null })).toEqual({ prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 });
    expect(normalizeUsage(null)).toBeUndefined();
    expect(() => normalizeUsage({ completion_tokens: 2 })).toThrow(/prompt_tokens/);
  });
});

describe('parseOpenAiChatCompletion', () => {
  it('leaves an OpenAI answer unchanged', () => {
    const body = {
      id: 'chatcmpl-1', object: 'chat.completion', created: 5, model: 'gpt-4o', system_fingerprint: 'fp',
      choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, logprobs: null, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, completion_tokens_details: { reasoning_tokens: 1 } },
    };
    expect(parseOpenAiChatCompletion(JSON.stringify(body), 'other')).toEqual(body);
  });

  it('completes a sparse compatible answer', () => {
    const body = { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'eos' }], usage: { prompt_tokens: 4, completion_tokens: 1 } };
    expect(parseOpenAiChatCompletion(JSON.stringify(body), 'llama3')).toEqual({
      id: 'x', object: 'chat.completion', created: 0, model: 'llama3',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 },
    });
  });

  it.each([
    ['not json', /not JSON/],
    ['[1]', /not a JSON object/],
    ['{"object":"chat.completion.chunk","choices":[]}', /not chat.completion/],
    ['{"object":"chat.completion"}', /no choices/],
  ])('refuses %s', (text, message) => {
    expect(() => parseOpenAiChatCompletion(text, 'm')).toThrow(message);
  });
});

describe('parseOpenAiEmbeddings', () => {
  it('keeps an OpenAI answer and fills a missing usage', () => {
    const body = { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1] }], model: 'e', usage: { prompt_tokens: 1, total_tokens: 1 } };
    expect(parseOpenAiEmbeddings(JSON.stringify(body), 'x')).toEqual(body);
    const { usage: _u, model: _m, ...sparse } = body;
    expect(parseOpenAiEmbeddings(JSON.stringify(sparse), 'nomic')).toEqual({ ...sparse, model: 'nomic', usage: { prompt_tokens: 0, total_tokens: 0 } });
    expect(() => parseOpenAiEmbeddings('{"data":[]}', 'x')).toThrow(/list/);
  });
});
