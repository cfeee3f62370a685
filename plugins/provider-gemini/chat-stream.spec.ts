import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ProviderTarget } from '../../src/plugin-sdk/index.js';
import { parseStreamPieces } from '../../src/plugin-sdk/testing/stream.js';
import { DEFAULT_GEMINI_CONFIG } from './config.schema.js';
import { FIXTURE_RUNTIME } from './fixtures.js';
import { createGeminiAdapter } from './index.js';

const adapter = createGeminiAdapter(DEFAULT_GEMINI_CONFIG, FIXTURE_RUNTIME);
const target: ProviderTarget = { baseUrl: '', apiKey: 'k', extra: {}, model: 'gemini-2.0-flash' };

function sse(...events: unknown[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join('');
}

function run(request: Partial<ChatCompletionRequest>, body: string) {
  return parseStreamPieces(adapter, { model: 'gemini-2.0-flash', messages: [], stream: true, ...request }, target, [body]);
}

const base = { modelVersion: 'gemini-2.0-flash', responseId: 'r1' };

describe('chat parseStreamEvent', () => {
  it('is not done before a finishReason, so a cut stream is reported by the host', () => {
    const { chunks, state } = run({}, sse({ ...base, candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] }));
    expect(state.done).toBe(false);
    expect(chunks.map((chunk) => chunk.choices[0].delta)).toEqual([{ role: 'assistant', content: 'Hel' }]);
  });

  it('gives each function call of later events the next tool-call index', () => {
    const { chunks, state } = run(
      { stream_options: { include_usage: true } },
      sse(
        { ...base, candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'a', args: { x: 1 } } }] }, index: 0 }] },
        {
          ...base,
          candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'b', args: {} } }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
        },
      ),
    );
    expect(state.done).toBe(true);
    expect(chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason ?? null, chunk.usage])).toEqual([
      [{ role: 'assistant', tool_calls: [{ index: 0, id: 'call_r1_0_0', type: 'function', function: { name: 'a', arguments: '{"x":1}' } }] }, null, null],
      [{ tool_calls: [{ index: 1, id: 'call_r1_0_1', type: 'function', function: { name: 'b', arguments: '{}' } }] }, 'tool_calls', null],
      [
        undefined,
        null,
        { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
      ],
    ]);
  });

  it('waits for every candidate of n before it is done', () => {
    const first = run(
      { n: 2 },
      sse({ ...base, candidates: [{ content: { parts: [{ text: 'A' }] }, finishReason: 'STOP', index: 0 }, { content: { parts: [{ text: 'B' }] }, index: 1 }] }),
    );
    expect(first.state.done).toBe(false);
    const both = run(
      { n: 2 },
      sse(
        { ...base, candidates: [{ content: { parts: [{ text: 'A' }] }, finishReason: 'STOP', index: 0 }, { content: { parts: [{ text: 'B' }] }, index: 1 }] },
        { ...base, candidates: [{ content: { parts: [{ text: '!' }] }, finishReason: 'MAX_TOKENS', index: 1 }] },
      ),
    );
    expect(both.state.done).toBe(true);
    expect(both.chunks.map((chunk) => [chunk.choices[0].index, chunk.choices[0].delta, chunk.choices[0].finish_reason])).toEqual([
      [0, { role: 'assistant', content: 'A' }, 'stop'],
      [1, { role: 'assistant', content: 'B' }, null],
      [1, { content: '!' }, 'length'],
    ]);
  });

  it('ends a blocked prompt with a content_filter refusal and usage', () => {
    const { chunks, state } = run(
      { stream_options: { include_usage: true } },
      sse({ ...base, promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 } }),
    );
    expect(state.done).toBe(true);
    expect(chunks.map((chunk) => [chunk.choices, chunk.usage?.prompt_tokens ?? null])).toEqual([
      [[{ index: 0, delta: { role: 'assistant', content: null, refusal: 'Gemini blocked the prompt (SAFETY).' }, logprobs: null, finish_reason: 'content_filter' }], null],
      [[], 7],
    ]);
  });

  it('ends with zero usage when Gemini reported none but usage was asked for', () => {
    const { chunks } = run({ stream_options: { include_usage: true } }, sse({ ...base, candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] }));
    expect(chunks[chunks.length - 1].usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('ignores events after the end and empty keep-alive data', () => {
    const { chunks } = run(
      {},
      'data: \r\n\r\n' +
        sse(
          { ...base, candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP', index: 0 }] },
          { ...base, candidates: [{ content: { parts: [{ text: 'late' }] }, index: 0 }] },
        ),
    );
    expect(chunks.map((chunk) => chunk.choices[0].delta.content)).toEqual(['x']);
  });

  it('keeps one id, created and model for the whole stream', () => {
    const { chunks } = run(
      {},
      sse(
        { responseId: 'first', candidates: [{ content: { parts: [{ text: 'a' }] } }] },
        { responseId: 'second', modelVersion: 'other', candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }] },
      ),
    );
    expect(chunks.map((chunk) => [chunk.id, chunk.created, chunk.model])).toEqual([
      ['chatcmpl-first', 1735689600, 'gemini-2.0-flash'],
      ['chatcmpl-first', 1735689600, 'gemini-2.0-flash'],
    ]);
  });

  it('throws on an error object sent inside the stream', () => {
    expect(() => run({}, sse({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }))).toThrow(/UNAVAILABLE/);
  });
});
