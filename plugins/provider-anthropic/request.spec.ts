import { describe, expect, it } from 'vitest';
import { isUnsupportedParameterError, type ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import { DEFAULT_ANTHROPIC_CONFIG } from './config.schema.js';
import { buildChatRequest } from './request.js';

const target = { baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-1', extra: {}, model: 'claude-sonnet-4-5' };

function body(request: Partial<ChatCompletionRequest>, config = DEFAULT_ANTHROPIC_CONFIG): Record<string, unknown> {
  const built = buildChatRequest({ model: 'alias', messages: [{ role: 'user', content: 'Hi' }], ...request }, target, config);
  return JSON.parse(built.body as string) as Record<string, unknown>;
}

function refusedParam(request: Partial<ChatCompletionRequest>, config = DEFAULT_ANTHROPIC_CONFIG): string | undefined {
  try {
    body(request, config);
  } catch (error) {
    if (isUnsupportedParameterError(error)) return error.param;
    throw error;
  }
  return undefined;
}

describe('provider-anthropic buildRequest', () => {
  it('posts to /v1/messages with x-api-key and anthropic-version, whether or not the base URL ends in /v1', () => {
    const built = buildChatRequest({ model: 'a', messages: [{ role: 'user', content: 'Hi' }] }, target, DEFAULT_ANTHROPIC_CONFIG);
    expect(built.url).toBe('https://api.anthropic.com/v1/messages');
    expect(built.headers).toMatchObject({ 'x-api-key': 'sk-ant-1', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' });
    expect(buildChatRequest({ model: 'a', messages: [] }, { ...target, baseUrl: 'http://x/v1/' }, DEFAULT_ANTHROPIC_CONFIG).url).toBe('http://x/v1/messages');
  });

  it('hoists system messages, merges same-role turns and puts tool results in a user turn', () => {
    expect(
      body({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Weather?' },
          { role: 'user', content: [{ type: 'text', text: 'In Oslo.' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
          { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
          { role: 'user', content: 'And tomorrow? https://x/a.png' },
          { role: 'developer', content: 'Use celsius.' },
        ],
      }),
    ).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Use celsius.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'text', text: 'In Oslo.' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } }],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '{"temp":3}' }, { type: 'text', text: 'And tomorrow? https://x/a.png' }],
        },
      ],
    });
  });

  it('sends http image URLs as url sources', () => {
    const request = body({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] }]);
  });

  it('maps tools, tool_choice, parallel_tool_calls, stop, sampling, stream and user', () => {
    const tools: ChatCompletionRequest['tools'] = [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' } } }];
    expect(body({ tools, tool_choice: 'required', stop: 'END', temperature: 0.2, top_p: 0.9, stream: true, user: 'u-1', max_completion_tokens: 77 })).toMatchObject({
      tools: [{ name: 'f', description: 'd', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
      stop_sequences: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      stream: true,
      metadata: { user_id: 'u-1' },
      max_tokens: 77,
    });
    expect(body({ tools, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(body({ tools, tool_choice: 'auto', parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(body({ tools, tool_choice: { type: 'function', function: { name: 'f' } } }).tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(body({ max_tokens: 12 }).max_tokens).toBe(12);
  });

  it.each<[Partial<ChatCompletionRequest>, string]>([
    [{ n: 2 }, 'n'],
    [{ temperature: 1.5 }, 'temperature'],
    [{ presence_penalty: 0.5 }, 'presence_penalty'],
    [{ seed: 7 }, 'seed'],
    [{ response_format: { type: 'json_object' } }, 'response_format'],
    [{ response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } } }, 'response_format'],
    [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/a.png' } }] }] }, 'messages[0].content[0].image_url'],
    [{ messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
  ])('refuses %j naming %s', (request, param) => {
    expect(refusedParam(request)).toBe(param);
  });

  it('sends json_schema as output_config.format when configured native', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const request = body({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }, { ...DEFAULT_ANTHROPIC_CONFIG, jsonSchemaOutput: 'native' });
    expect(request.output_config).toEqual({ format: { type: 'json_schema', schema } });
  });
});
