import { describe, expect, it } from 'vitest';
import { isUnsupportedParameterError, type ChatCompletionRequest, type ProviderTarget } from '../../src/plugin-sdk/index.js';
import { buildChatRequest, toGenerateContentRequest } from './chat-request.js';
import { DEFAULT_GEMINI_CONFIG, type GeminiProviderConfig } from './config.schema.js';
import { FIXTURE_RUNTIME } from './fixtures.js';

const target: ProviderTarget = { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'AIza-test', extra: {}, model: 'gemini-2.0-flash' };
const context = { config: DEFAULT_GEMINI_CONFIG, runtime: FIXTURE_RUNTIME };

function ask(extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Hi' }], ...extra };
}

function refusedParam(request: ChatCompletionRequest, config: GeminiProviderConfig = DEFAULT_GEMINI_CONFIG): string | undefined {
  try {
    toGenerateContentRequest(request, config);
    return undefined;
  } catch (error) {
    return isUnsupportedParameterError(error) ? error.param : `unexpected: ${String(error)}`;
  }
}

describe('chat buildRequest', () => {
  it('posts to :generateContent with the key in x-goog-api-key', () => {
    expect(buildChatRequest(ask(), target, context)).toEqual({
      method: 'POST',
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-goog-api-key': 'AIza-test' },
      body: '{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}',
    });
  });

  it('streams from :streamGenerateContent?alt=sse', () => {
    const built = buildChatRequest(ask({ stream: true }), target, context);
    expect(built.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(built.headers.accept).toBe('text/event-stream');
  });

  it.each([
    ['models/gemini-2.0-flash', 'https://generativelanguage.googleapis.com', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent'],
    ['gemini-2.0-flash', 'https://proxy.example/gemini/v1beta/', 'https://proxy.example/gemini/v1beta/models/gemini-2.0-flash:generateContent'],
    ['tunedModels/my-tune', 'https://proxy.example/v1', 'https://proxy.example/v1/tunedModels/my-tune:generateContent'],
    ['gemini-2.0-flash', '', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent'],
  ])('normalises model %s on base %s', (model, baseUrl, url) => {
    expect(buildChatRequest(ask(), { ...target, model, baseUrl }, context).url).toBe(url);
  });

  it('sends no key header when the account has none', () => {
    expect(buildChatRequest(ask(), { ...target, apiKey: undefined }, context).headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('moves system and developer messages into systemInstruction and names the assistant "model"', () => {
    const body = toGenerateContentRequest(
      ask({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
          { role: 'user', content: 'Again' },
        ],
      }),
      DEFAULT_GEMINI_CONFIG,
    );
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in English.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello.' }] },
        { role: 'user', parts: [{ text: 'Again' }] },
      ],
    });
  });

  it('maps multi-part content: text, data URLs to inlineData, Files API URIs to fileData', () => {
    const body = toGenerateContentRequest(
      ask({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
            ],
          },
        ],
      }),
      DEFAULT_GEMINI_CONFIG,
    );
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Compare' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
          { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
        ],
      },
    ]);
  });

  it('refuses http image URLs by default and sends them as fileData when configured', () => {
    const request = ask({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://cdn.example/cat.JPG' } }] }] });
    expect(refusedParam(request)).toBe('messages[0].content[0].image_url.url');
    expect(toGenerateContentRequest(request, { ...DEFAULT_GEMINI_CONFIG, remoteImages: 'file-data' }).contents[0].parts).toEqual([
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://cdn.example/cat.JPG' } },
    ]);
  });

  it('refuses non-base64 data URLs', () => {
    expect(refusedParam(ask({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/svg+xml,<svg/>' } }] }] }))).toBe(
      'messages[0].content[0].image_url.url',
    );
  });

  it('maps tools to functionDeclarations with converted schemas, omitting empty parameter objects', () => {
    const body = toGenerateContentRequest(
      ask({
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
              strict: true,
            },
          },
          { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
        ],
        tool_choice: 'required',
      }),
      DEFAULT_GEMINI_CONFIG,
    );
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: 'get_weather', description: 'Weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] } },
          { name: 'now' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
  });

  it.each([
    ['none', { functionCallingConfig: { mode: 'NONE' } }],
    ['auto', { functionCallingConfig: { mode: 'AUTO' } }],
    ['required', { functionCallingConfig: { mode: 'ANY' } }],
    [{ type: 'function', function: { name: 'get_weather' } }, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } }],
  ] as const)('maps tool_choice %j', (choice, toolConfig) => {
    expect(toGenerateContentRequest(ask({ tool_choice: choice }), DEFAULT_GEMINI_CONFIG).toolConfig).toEqual(toolConfig);
  });

  it('turns assistant tool_calls into functionCall parts and tool results into functionResponse parts named by the call', () => {
    const body = toGenerateContentRequest(
      ask({
        messages: [
          { role: 'user', content: 'Weather and time in Oslo?' },
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
              { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_a', content: '{"temp":3}' },
          { role: 'tool', tool_call_id: 'call_b', content: '12:00' },
          { role: 'user', content: 'Thanks' },
        ],
      }),
      DEFAULT_GEMINI_CONFIG,
    );
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather and time in Oslo?' }] },
      {
        role: 'model',
        parts: [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }, { functionCall: { name: 'get_time', args: {} } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 3 } } },
          { functionResponse: { name: 'get_time', response: { content: '12:00' } } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('refuses a tool result that answers no earlier call, and arguments that are not a JSON object', () => {
    expect(refusedParam(ask({ messages: [{ role: 'tool', tool_call_id: 'call_x', content: '1' }] }))).toBe('messages[0].tool_call_id');
    expect(
      refusedParam(
        ask({ messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '[1]' } }] }] }),
      ),
    ).toBe('messages[0].tool_calls');
  });

  it('maps sampling, limits, stops, candidates and penalties into generationConfig', () => {
    const body = toGenerateContentRequest(
      ask({ temperature: 0.2, top_p: 0.9, max_tokens: 50, max_completion_tokens: 64, stop: 'END', n: 2, seed: 7, presence_penalty: 0.5, frequency_penalty: -0.5 }),
      DEFAULT_GEMINI_CONFIG,
    );
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 64,
      stopSequences: ['END'],
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(toGenerateContentRequest(ask({ max_tokens: 10, stop: ['a', 'b'] }), DEFAULT_GEMINI_CONFIG).generationConfig).toEqual({
      maxOutputTokens: 10,
      stopSequences: ['a', 'b'],
    });
  });

  it('maps response_format json_object and json_schema', () => {
    expect(toGenerateContentRequest(ask({ response_format: { type: 'json_object' } }), DEFAULT_GEMINI_CONFIG).generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
    expect(
      toGenerateContentRequest(
        ask({
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } },
          },
        }),
        DEFAULT_GEMINI_CONFIG,
      ).generationConfig,
    ).toEqual({ responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { ok: { type: 'BOOLEAN' } }, required: ['ok'] } });
    expect(toGenerateContentRequest(ask({ response_format: { type: 'text' } }), DEFAULT_GEMINI_CONFIG).generationConfig).toBeUndefined();
  });

  it('names the json_schema parameter when its schema cannot be expressed', () => {
    expect(refusedParam(ask({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { not: {} } } } }))).toBe('response_format.json_schema.schema');
  });

  it.each([
    [{ logit_bias: { '50256': -100 } }, 'logit_bias'],
    [{ parallel_tool_calls: false }, 'parallel_tool_calls'],
  ])('refuses %j', (extra, param) => {
    expect(refusedParam(ask(extra))).toBe(param);
  });

  it('accepts an empty logit_bias and parallel_tool_calls: true', () => {
    expect(refusedParam(ask({ logit_bias: {}, parallel_tool_calls: true }))).toBeUndefined();
  });
});
