import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../plugin-sdk/index.js';
import { parseSseText } from '../../../plugin-sdk/index.js';
import { AnthropicStreamEncoder } from './index.js';

function chunk(delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'x', choices: [{ index: 0, delta, finish_reason: finish }] };
}

function events(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return parseSseText(text).map((event) => ({ event: event.event, data: JSON.parse(event.data) as Record<string, unknown> }));
}

describe('AnthropicStreamEncoder', () => {
  it('starts with message_start (requested model, known input tokens) and ping', () => {
    const out = events(new AnthropicStreamEncoder().start({ model: 'claude-haiku-4-5', id: 'msg_7', inputTokens: 42 }));
    expect(out).toEqual([
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: { id: 'msg_7', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 42, output_tokens: 0 } },
        },
      },
      { event: 'ping', data: { type: 'ping' } },
    ]);
  });

  it('writes every text chunk at once, switching blocks between text and tool_use', () => {
    const encoder = new AnthropicStreamEncoder();
    encoder.start({ model: 'm' });
    expect(encoder.push(chunk({ role: 'assistant', content: '' }))).toBe('');
    expect(events(encoder.push(chunk({ content: 'Hel' })))).toEqual([
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } } },
    ]);
    expect(events(encoder.push(chunk({ content: 'lo' })))).toEqual([
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } } },
    ]);
    expect(events(encoder.push(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } }] })))).toEqual([
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_1', name: 'f', input: {} } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a"' } } },
    ]);
    expect(events(encoder.push(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] })))).toEqual([
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ':1}' } } },
    ]);
    encoder.push(chunk({}, 'tool_calls'));
    encoder.push({ ...chunk({}), choices: [], usage: { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27, prompt_tokens_details: { cached_tokens: 5 } } });
    expect(events(encoder.end())).toEqual([
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 7, input_tokens: 15, cache_read_input_tokens: 5 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]);
    expect(encoder.end()).toBe('');
  });

  it('ends an empty answer with end_turn and zero output tokens', () => {
    const encoder = new AnthropicStreamEncoder();
    encoder.start({ model: 'm' });
    expect(events(encoder.end()).map((event) => event.data)).toEqual([
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 0 } },
      { type: 'message_stop' },
    ]);
  });

  it('maps a length finish to max_tokens', () => {
    const encoder = new AnthropicStreamEncoder();
    encoder.start({ model: 'm' });
    encoder.push(chunk({ content: 'a' }, 'length'));
    expect(encoder.end()).toContain('"stop_reason":"max_tokens"');
  });

  it('writes an error frame once and nothing after it', () => {
    const encoder = new AnthropicStreamEncoder();
    encoder.start({ model: 'm' });
    encoder.push(chunk({ content: 'a' }));
    expect(encoder.error(504, 'upstream timed out')).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"timeout_error","message":"upstream timed out"}}\n\n',
    );
    expect(encoder.push(chunk({ content: 'b' }))).toBe('');
    expect(encoder.end()).toBe('');
    expect(encoder.error('api_error', 'again')).toBe('');
  });
});
