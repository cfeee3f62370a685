import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from '../../plugin-sdk/index.js';
import { TokenCounter } from './token-counter.js';
import { UsageMeter } from './usage-meter.js';

const counter = new TokenCounter();
const request: ChatCompletionRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Oslo?' }] };
const reply = 'It is 3 degrees and raining in Oslo.';

const response = (extra: Partial<ChatCompletionResponse> = {}): ChatCompletionResponse => ({
  id: 'r1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
  ...extra,
});
const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, delta, finish_reason: null }],
  ...extra,
});
const usage = {
  prompt_tokens: 120,
  completion_tokens: 40,
  total_tokens: 160,
  prompt_tokens_details: { cached_tokens: 64 },
  completion_tokens_details: { reasoning_tokens: 24 },
};

describe('UsageMeter with provider usage', () => {
  it('takes response.usage, with cached and reasoning tokens', () => {
    expect(new UsageMeter().fromResponse(response({ usage }), request)).toEqual({
      promptTokens: 120,
      completionTokens: 40,
      cachedTokens: 64,
      reasoningTokens: 24,
      estimated: false,
    });
  });

  it('reads missing details as 0', () => {
    const plain = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
    expect(new UsageMeter().fromResponse(response({ usage: plain }), request)).toEqual({
      promptTokens: 5,
      completionTokens: 2,
      cachedTokens: 0,
      reasoningTokens: 0,
      estimated: false,
    });
  });

  it('takes the final usage chunk of a stream (earlier chunks carry usage: null)', () => {
    const meter = new UsageMeter();
    meter.observe(chunk({ role: 'assistant', content: 'It is' }, { usage: null }));
    meter.observe(chunk({ content: ' 3 degrees' }, { usage: null }));
    meter.observe({ ...chunk({}), choices: [], usage });
    expect(meter.finish(request)).toEqual({ promptTokens: 120, completionTokens: 40, cachedTokens: 64, reasoningTokens: 24, estimated: false });
  });
});

describe('UsageMeter without provider usage', () => {
  const prompt = counter.countChatPrompt(request);

  it('estimates a buffered answer with the tokenizer', () => {
    expect(new UsageMeter().fromResponse(response(), request)).toEqual({
      promptTokens: prompt,
      completionTokens: counter.countText(reply, 'gpt-4o'),
      cachedTokens: 0,
      reasoningTokens: 0,
      estimated: true,
    });
  });

  it('estimates a stream from the concatenated text, equal to the buffered estimate however it was split', () => {
    const meter = new UsageMeter();
    for (const piece of ['It i', 's 3 deg', 'rees and rain', 'ing in Oslo', '.']) meter.observe(chunk({ content: piece }));
    expect(meter.finish(request)).toEqual(new UsageMeter().fromResponse(response(), request));
  });

  it('counts tool calls (name + arguments) the same streamed and buffered', () => {
    const call = { id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{"city":"Oslo","unit":"c"}' } };
    const buffered = new UsageMeter().fromResponse(
      response({ choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' }] }),
      request,
    );
    expect(buffered.completionTokens).toBe(counter.countText('get_weather') + counter.countText(call.function.arguments));

    const meter = new UsageMeter();
    meter.observe(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }));
    meter.observe(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Os' } }] }));
    meter.observe(chunk({ tool_calls: [{ index: 0, function: { arguments: 'lo","unit":"c"}' } }] }));
    expect(meter.finish(request)).toEqual(buffered);
  });

  it('sums every choice of n > 1', () => {
    const meter = new UsageMeter();
    meter.observe({ ...chunk({}), choices: [{ index: 1, delta: { content: 'Second' }, finish_reason: null }, { index: 0, delta: { content: 'First' }, finish_reason: null }] });
    expect(meter.finish(request).completionTokens).toBe(counter.countText('First') + counter.countText('Second'));
  });

  it('estimates an empty stream as the prompt alone', () => {
    expect(new UsageMeter().finish(request)).toEqual({ promptTokens: prompt, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: true });
  });

  it('counts a refusal as completion text', () => {
    const refusal = response({ choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help.' }, finish_reason: 'stop' }] });
    expect(new UsageMeter().fromResponse(refusal, request).completionTokens).toBe(counter.countText('I cannot help.'));
  });
});
