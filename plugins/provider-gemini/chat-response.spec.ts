import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ProviderTarget } from '../../src/plugin-sdk/index.js';
import { parseChatResponse, toFinishReason, toUsage } from './chat-response.js';
import { FIXTURE_RUNTIME } from './fixtures.js';

const target: ProviderTarget = { baseUrl: '', apiKey: 'k', extra: {}, model: 'models/gemini-2.0-flash' };
const request: ChatCompletionRequest = { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Hi' }] };

function parse(body: unknown) {
  return parseChatResponse({ status: 200, headers: {}, body: JSON.stringify(body) }, { request, target }, FIXTURE_RUNTIME);
}

describe('chat parseResponse', () => {
  it('maps function calls to tool_calls with ids from the response, skipping thought parts from the text', () => {
    const parsed = parse({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Planning the lookup', thought: true },
              { text: 'Let me check.' },
              { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } },
              { functionCall: { id: 'fc-7', name: 'get_time' } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
      responseId: 'resp1',
    });
    expect(parsed).toEqual({
      id: 'chatcmpl-resp1',
      object: 'chat.completion',
      created: 1735689600,
      model: 'gemini-2.0-flash',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me check.',
            refusal: null,
            tool_calls: [
              { id: 'call_resp1_0_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
              { id: 'fc-7', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('returns every candidate with its own index and finish reason', () => {
    const parsed = parse({
      candidates: [
        { content: { role: 'model', parts: [{ text: 'A' }] }, finishReason: 'STOP', index: 0 },
        { content: { role: 'model', parts: [{ text: 'B' }] }, finishReason: 'MAX_TOKENS', index: 1 },
        { finishReason: 'SAFETY', index: 2 },
      ],
      responseId: 'r',
    });
    expect(parsed.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, 'A', 'stop'],
      [1, 'B', 'length'],
      [2, null, 'content_filter'],
    ]);
  });

  it('uses a generated id and the target model when Gemini sends neither responseId nor modelVersion', () => {
    const parsed = parse({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] });
    expect([parsed.id, parsed.model]).toEqual(['chatcmpl-fixture', 'gemini-2.0-flash']);
  });

  it('answers a blocked prompt with a content_filter refusal', () => {
    const parsed = parse({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 }, responseId: 'b' });
    expect(parsed.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null, refusal: 'Gemini blocked the prompt (SAFETY).' }, logprobs: null, finish_reason: 'content_filter' },
    ]);
  });

  it('throws (a plugin failure, not a silent empty answer) on bodies that are not a usable response', () => {
    expect(() => parse({ candidates: [] })).toThrow(/no candidates/);
    expect(() => parse({ error: { code: 500, message: 'x', status: 'INTERNAL' } })).toThrow(/error inside a success/);
    expect(() => parseChatResponse({ status: 200, headers: {}, body: '[]' }, { request, target }, FIXTURE_RUNTIME)).toThrow(/GenerateContentResponse/);
  });
});

describe('finish reasons and usage', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['OTHER', false, 'stop'],
  ])('%s (tools called: %s) → %s', (reason, calledTools, expected) => {
    expect(toFinishReason(reason, calledTools)).toBe(expected);
  });

  it('counts thoughts as reasoning inside completion tokens and reports cached prompt tokens', () => {
    expect(toUsage({ promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 30, cachedContentTokenCount: 64, totalTokenCount: 150 })).toEqual({
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });
});
