import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import { encodingFor, fitsInTokens } from './tokens.js';

const hello: ChatCompletionRequest = { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hello world' }] };

describe('fitsInTokens', () => {
  it('counts text, role and chat framing with the real tokenizer (9 tokens for "Hello world")', () => {
    expect(fitsInTokens(hello, 9, 'auto')).toBe(true);
    expect(fitsInTokens(hello, 8, 'auto')).toBe(false);
  });

  it('counts tool calls and tool definitions', () => {
    const withTools: ChatCompletionRequest = {
      ...hello,
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object' } } }],
    };
    expect(fitsInTokens(withTools, 9, 'auto')).toBe(false);
  });

  it('counts text that spells a special token as text instead of throwing', () => {
    expect(fitsInTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: '<|endoftext|>' }] }, 100, 'auto')).toBe(true);
  });

  it('stops early on a huge prompt', () => {
    const huge: ChatCompletionRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'lorem ipsum '.repeat(200_000) }] };
    expect(fitsInTokens(huge, 1000, 'auto')).toBe(false);
  });

  it('survives odd requests', () => {
    expect(fitsInTokens({ model: 'm', messages: [] }, 3, 'auto')).toBe(true);
    expect(fitsInTokens({ model: 'm', messages: [null, { role: 'user', content: null }] } as unknown as ChatCompletionRequest, 100, 'auto')).toBe(true);
  });
});

describe('encodingFor', () => {
  it.each([
    ['openai/gpt-4', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-4o-mini', 'o200k_base'],
    ['anthropic/claude-sonnet', 'o200k_base'],
    [undefined, 'o200k_base'],
  ])('%s → %s', (model, name) => {
    expect(encodingFor(model, 'auto')).toBe(name);
  });

  it('uses the configured encoding when it is not auto', () => {
    expect(encodingFor('gpt-4o', 'cl100k_base')).toBe('cl100k_base');
  });
});
