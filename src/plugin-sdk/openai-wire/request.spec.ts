import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from '../canonical.js';
import { joinUrl, toOpenAiChatBody, toOpenAiEmbeddingsBody, type OpenAiChatBodyOptions } from './request.js';

const base: OpenAiChatBodyOptions = { model: 'up-model', streamUsage: 'always', maxTokensParameter: 'as-given' };
const request = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'route-alias',
  messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
  ...extra,
});

describe('toOpenAiChatBody', () => {
  it('is the identity except for the model', () => {
    expect(toOpenAiChatBody(request({ temperature: 0, n: 2, logit_bias: { '50256': -100 } }), base)).toEqual({
      model: 'up-model',
      messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
      temperature: 0,
      n: 2,
      logit_bias: { '50256': -100 },
    });
  });

  it('rewrites developer messages as system when asked, leaving the rest', () => {
    const body = toOpenAiChatBody(request(), { ...base, developerRole: 'system' });
    expect(body.messages).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
  });

  it.each([
    ['max_completion_tokens', { max_tokens: 10 }, { max_completion_tokens: 10 }],
    ['max_completion_tokens', { max_tokens: 10, max_completion_tokens: 20 }, { max_completion_tokens: 20 }],
    ['max_tokens', { max_completion_tokens: 20 }, { max_tokens: 20 }],
    ['max_tokens', { max_tokens: 10, max_completion_tokens: 20 }, { max_tokens: 10 }],
    ['max_tokens', {}, {}],
    ['as-given', { max_tokens: 10, max_completion_tokens: 20 }, { max_tokens: 10, max_completion_tokens: 20 }],
  ] as const)('with %s maps %j to %j', (parameter, limits, expected) => {
    const body = toOpenAiChatBody(request(limits), { ...base, maxTokensParameter: parameter });
    const { model: _m, messages: _x, ...rest } = body;
    expect(rest).toEqual(expected);
  });

  it('asks for usage in every stream, or never sends stream_options', () => {
    expect(toOpenAiChatBody(request({ stream: true }), base).stream_options).toEqual({ include_usage: true });
    const never = toOpenAiChatBody(request({ stream: true, stream_options: { include_usage: true } }), { ...base, streamUsage: 'never' });
    expect('stream_options' in never).toBe(false);
    expect('stream_options' in toOpenAiChatBody(request({ stream: false }), base)).toBe(false);
  });

  it('does not change the caller’s request object', () => {
    const original = request({ stream: true, max_tokens: 5 });
    const copy = structuredClone(original);
    toOpenAiChatBody(original, { ...base, maxTokensParameter: 'max_completion_tokens', developerRole: 'system' });
    expect(original).toEqual(copy);
  });
});

describe('toOpenAiEmbeddingsBody and joinUrl', () => {
  it('replaces only the model of an embeddings request', () => {
    expect(toOpenAiEmbeddingsBody({ model: 'alias', input: [1, 2], dimensions: 8, encoding_format: 'base64' }, 'e')).toEqual({
      model: 'e',
      input: [1, 2],
      dimensions: 8,
      encoding_format: 'base64',
    });
  });

  it.each([
    ['https://a.example/v1', 'chat/completions', 'https://a.example/v1/chat/completions'],
    ['https://a.example/v1/', '/chat/completions', 'https://a.example/v1/chat/completions'],
    ['http://localhost:11434/v1//', 'models', 'http://localhost:11434/v1/models'],
  ])('joins %s and %s', (baseUrl, path, url) => {
    expect(joinUrl(baseUrl, path)).toBe(url);
  });
});
