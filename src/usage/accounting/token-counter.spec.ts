import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ChatMessage } from '../../plugin-sdk/index.js';
import { IMAGE_TOKENS_DEFAULT, IMAGE_TOKENS_LOW, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, TokenCounter, encodingForModel, isExactForModel } from './token-counter.js';

const counter = new TokenCounter();

// OpenAI's "How to count tokens with tiktoken" example conversation (129 on cl100k_base, 124 on o200k_base).
const cookbook: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['openai/gpt-4-turbo', 'cl100k_base'],
    ['claude-3-5-sonnet', 'o200k_base'],
    ['gemini-2.0-flash', 'o200k_base'],
    [undefined, 'o200k_base'],
  ])('%s → %s', (model, expected) => {
    expect(encodingForModel(model)).toBe(expected);
  });

  it('marks only OpenAI models as exact', () => {
    expect(isExactForModel('gpt-4o')).toBe(true);
    expect(isExactForModel('o1')).toBe(true);
    expect(isExactForModel('claude-3-5-sonnet')).toBe(false);
    expect(isExactForModel('mock-chat')).toBe(false);
  });
});

describe('TokenCounter.countText', () => {
  it('counts known strings on both encodings', () => {
    expect(counter.countText('Hello, world!', 'gpt-4o')).toBe(4);
    expect(counter.countText('tiktoken is great!', 'gpt-4o')).toBe(6);
    expect(counter.countText('tiktoken is great!', 'gpt-3.5-turbo')).toBe(6);
    expect(counter.countText('', 'gpt-4o')).toBe(0);
  });

  it('the encodings really differ (a 200k vocabulary merges more)', () => {
    const text = 'Портико направляет запросы к поставщикам моделей.';
    expect(counter.countText(text, 'gpt-4o')).toBeLessThan(counter.countText(text, 'gpt-4'));
  });

  it('counts text that spells a special token as text instead of throwing', () => {
    expect(counter.countText('<|endoftext|>', 'gpt-4o')).toBe(7);
  });
});

describe('TokenCounter.countChatPrompt', () => {
  it("matches OpenAI's documented example: 129 tokens on gpt-3.5/gpt-4, 124 on gpt-4o", () => {
    expect(counter.countChatPrompt({ model: 'gpt-3.5-turbo-0613', messages: cookbook })).toBe(129);
    expect(counter.countChatPrompt({ model: 'gpt-4-0613', messages: cookbook })).toBe(129);
    expect(counter.countChatPrompt({ model: 'gpt-4o', messages: cookbook })).toBe(124);
  });

  it('adds 3 per message, the role, 1 + the name, and 3 for the reply priming', () => {
    const text = 'Weather in Oslo?';
    const plain = counter.countChatPrompt({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    expect(plain).toBe(REPLY_PRIMING_TOKENS + TOKENS_PER_MESSAGE + counter.countText('user') + counter.countText(text));
    const named = counter.countChatPrompt({ model: 'gpt-4o', messages: [{ role: 'user', name: 'ada', content: text }] });
    expect(named - plain).toBe(1 + counter.countText('ada'));
    expect(counter.countChatPrompt({ model: 'gpt-4o', messages: [] })).toBe(REPLY_PRIMING_TOKENS);
  });

  it('counts tool definitions and tool calls as their JSON', () => {
    const tools: ChatCompletionRequest['tools'] = [
      { type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    ];
    const messages: ChatMessage[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const base = counter.countChatPrompt({ model: 'gpt-4o', messages });
    expect(counter.countChatPrompt({ model: 'gpt-4o', messages, tools })).toBe(base + counter.countText(JSON.stringify(tools)));

    const toolCalls = [{ id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }];
    const withCall: ChatMessage[] = [...messages, { role: 'assistant', content: null, tool_calls: toolCalls }];
    const callMessage = TOKENS_PER_MESSAGE + counter.countText('assistant') + counter.countText(JSON.stringify(toolCalls));
    expect(counter.countChatPrompt({ model: 'gpt-4o', messages: withCall })).toBe(base + callMessage);
  });

  it('charges images at the flat estimate (85 low, 255 otherwise) and counts their text parts', () => {
    const request = (detail?: 'low' | 'high'): ChatCompletionRequest => ({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail } }] }],
    });
    const textOnly = counter.countChatPrompt({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is this?' }] });
    expect(counter.countChatPrompt(request('low'))).toBe(textOnly + IMAGE_TOKENS_LOW);
    expect(counter.countChatPrompt(request('high'))).toBe(textOnly + IMAGE_TOKENS_DEFAULT);
    expect(counter.countChatPrompt(request())).toBe(textOnly + IMAGE_TOKENS_DEFAULT);
  });
});
