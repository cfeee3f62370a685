import { describe, expect, it } from 'vitest';
import { ANTHROPIC_REQUEST_ERROR_CODES, AnthropicRequestError, anthropicRequestToCanonical } from './index.js';

const base = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

function refusal(body: unknown): AnthropicRequestError {
  try {
    anthropicRequestToCanonical(body);
  } catch (error) {
    if (error instanceof AnthropicRequestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('anthropicRequestToCanonical', () => {
  it('maps the minimal request', () => {
    expect(anthropicRequestToCanonical(base)).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('maps system blocks, images, sampling, stop sequences, metadata, tools and streaming', () => {
    expect(
      anthropicRequestToCanonical({
        ...base,
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Use metric.' }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
            ],
          },
        ],
        temperature: 0.3,
        top_p: 0.8,
        stop_sequences: ['END'],
        metadata: { user_id: 'user-7' },
        tools: [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }],
        tool_choice: { type: 'tool', name: 'lookup', disable_parallel_tool_use: true },
        stream: true,
        service_tier: 'auto',
      }),
    ).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'Be brief.\nUse metric.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          ],
        },
      ],
      temperature: 0.3,
      top_p: 0.8,
      stop: ['END'],
      user: 'user-7',
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      parallel_tool_calls: false,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it.each([
    [{ type: 'auto' }, 'auto'],
    [{ type: 'any' }, 'required'],
    [{ type: 'none' }, 'none'],
  ])('maps tool_choice %j to %j', (toolChoice, expected) => {
    expect(anthropicRequestToCanonical({ ...base, tool_choice: toolChoice }).tool_choice).toBe(expected);
  });

  it('splits a user turn into tool messages and a user message, keeping images in tool results', () => {
    const request = anthropicRequestToCanonical({
      ...base,
      messages: [
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' }, { type: 'text', text: 'Let me see.' }, { type: 'tool_use', id: 't1', name: 'shot', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'Here:' }, { type: 'image', source: { type: 'url', url: 'https://x/y.png' } }], is_error: false },
            { type: 'text', text: 'Describe it.' },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'assistant', content: 'Let me see.', tool_calls: [{ id: 't1', type: 'function', function: { name: 'shot', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 't1', content: [{ type: 'text', text: 'Here:' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      { role: 'user', content: 'Describe it.' },
    ]);
  });

  it('maps output_config.format json_schema to response_format', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(anthropicRequestToCanonical({ ...base, output_config: { format: { type: 'json_schema', schema } } }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema, strict: true },
    });
  });

  it('lists every problem of a malformed body in one invalid_request_error', () => {
    const error = refusal({ messages: [{ role: 'robot', content: 'x' }, { role: 'user', content: [{ type: 'video' }] }], max_tokens: 0, temprature: 1 });
    expect(error.status).toBe(400);
    expect(error.code).toBe(ANTHROPIC_REQUEST_ERROR_CODES.INVALID);
    expect(error.problems).toEqual([
      'temprature: Extra inputs are not permitted',
      'model: Field required',
      'max_tokens: Field required (an integer of at least 1)',
      'messages.0.role: must be "user" or "assistant", got "robot"',
      'messages.1.content.0.type: "video" is not a valid block type in a user message',
    ]);
    expect(error.param).toBe('temprature');
    expect(error.toBody()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: error.problems.join('; ') } });
  });

  it.each([
    [{ top_k: 5 }, 'top_k'],
    [{ thinking: { type: 'enabled', budget_tokens: 1024 } }, 'thinking'],
    [{ mcp_servers: [] }, 'mcp_servers'],
    [{ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type'],
    [{ messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] }, 'messages.0.content.0.type'],
    [{ output_config: { effort: 'high' } }, 'output_config.effort'],
  ])('refuses what it cannot express, %j, with the unsupported code naming %s', (extra, param) => {
    const error = refusal({ ...base, ...extra });
    expect(error.code).toBe(ANTHROPIC_REQUEST_ERROR_CODES.UNSUPPORTED);
    expect(error.param).toBe(param);
  });

  it.each([null, 'text', [1]])('refuses a body that is not an object (%j)', (body) => {
    expect(refusal(body).problems).toEqual(['body: must be a JSON object']);
  });

  it.each([
    [{ temperature: 1.5 }, 'temperature: must be a number from 0 to 1'],
    [{ messages: [] }, 'messages: must be a non-empty array'],
    [{ stop_sequences: 'END' }, 'stop_sequences: must be an array of strings'],
    [{ tool_choice: { type: 'tool' } }, 'tool_choice.name: Field required'],
    [{ tools: [{ name: 'x' }] }, 'tools.0.input_schema: Field required'],
    [{ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png' } }] }] }, 'messages.0.content.0.source.data: Field required'],
    [{ messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: 'x' }] }] }, 'messages.0.content.0.input: must be an object'],
  ])('refuses %j', (extra, problem) => {
    expect(refusal({ ...base, ...extra }).problems).toEqual([problem]);
  });
});
