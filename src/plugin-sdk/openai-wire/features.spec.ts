import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from '../canonical.js';
import { isUnsupportedParameterError } from '../request-errors.js';
import { assertOpenAiWireFeatures, type OpenAiWireFeatures } from './features.js';

const all: OpenAiWireFeatures = { tools: true, jsonSchema: true, vision: true };
const ask = (extra: Partial<ChatCompletionRequest>): ChatCompletionRequest => ({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], ...extra });

function refusedParam(request: ChatCompletionRequest, features: Partial<OpenAiWireFeatures>): string | undefined {
  try {
    assertOpenAiWireFeatures(request, { ...all, ...features });
    return undefined;
  } catch (error) {
    if (!isUnsupportedParameterError(error)) throw error;
    return error.param;
  }
}

const tool = { type: 'function' as const, function: { name: 'f' } };
const image = { type: 'image_url' as const, image_url: { url: 'https://x.example/a.png' } };

describe('assertOpenAiWireFeatures', () => {
  it.each<[string, Partial<ChatCompletionRequest>, Partial<OpenAiWireFeatures>, string | undefined]>([
    ['tools', { tools: [tool] }, { tools: false }, 'tools'],
    ['tool_choice', { tool_choice: 'required' }, { tools: false }, 'tool_choice'],
    ['tool_choice none', { tool_choice: 'none', tools: [] }, { tools: false }, undefined],
    ['parallel_tool_calls', { parallel_tool_calls: true }, { tools: false }, 'parallel_tool_calls'],
    [
      'an assistant tool call in history',
      { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }] },
      { tools: false },
      'messages[1].tool_calls',
    ],
    ['a tool answer in history', { messages: [{ role: 'tool', tool_call_id: 'c', content: '1' }] }, { tools: false }, 'messages[0].tool_call_id'],
    ['json_schema', { response_format: { type: 'json_schema', json_schema: { name: 'a' } } }, { jsonSchema: false }, 'response_format'],
    ['json_object without json_schema support', { response_format: { type: 'json_object' } }, { jsonSchema: false }, undefined],
    [
      'an image part',
      { messages: [{ role: 'user', content: 'x' }, { role: 'user', content: [{ type: 'text', text: 'see' }, image] }] },
      { vision: false },
      'messages[1].content[1]',
    ],
    ['text parts without vision', { messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }] }] }, { vision: false }, undefined],
    ['tools when supported', { tools: [tool], tool_choice: 'auto' }, {}, undefined],
  ])('%s', (_name, extra, features, param) => {
    expect(refusedParam(ask(extra), features)).toBe(param);
  });
});
