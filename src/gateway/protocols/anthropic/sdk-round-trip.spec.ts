import Anthropic from '@anthropic-ai/sdk';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from '../../../plugin-sdk/index.js';
import { anthropicErrorBody, AnthropicRequestError, AnthropicStreamEncoder, anthropicRequestToCanonical, canonicalResponseToAnthropic } from './index.js';

const usage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42, prompt_tokens_details: { cached_tokens: 10 } };

function chunk(delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'chatcmpl-rt1', object: 'chat.completion.chunk', created: 1, model: 'upstream-model', choices: [{ index: 0, delta, finish_reason: finish }] };
}
const usageChunk: ChatCompletionChunk = { id: 'chatcmpl-rt1', object: 'chat.completion.chunk', created: 1, model: 'upstream-model', choices: [], usage };

const TEXT_STREAM = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' }), chunk({ content: ', world' }), chunk({}, 'stop'), usageChunk];
const TOOL_STREAM = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Checking.' }),
  chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
  chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } }] }),
  chunk({}, 'tool_calls'),
  usageChunk,
];
const TOOL_RESPONSE: ChatCompletionResponse = {
  id: 'chatcmpl-rt2', object: 'chat.completion', created: 1, model: 'upstream-model', usage,
  choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } }],
};
const TEXT_RESPONSE: ChatCompletionResponse = {
  id: 'chatcmpl-rt3', object: 'chat.completion', created: 1, model: 'upstream-model', usage,
  choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'Hello, world' } }],
};

/** What the fake gateway answers next, and what it received. */
let script: { stream?: ChatCompletionChunk[]; response?: ChatCompletionResponse; failAfter?: number } = {};
let received: ChatCompletionRequest[] = [];

async function readJson(request: IncomingMessage): Promise<unknown> {
  const pieces: Buffer[] = [];
  for await (const piece of request) pieces.push(piece as Buffer);
  return JSON.parse(Buffer.concat(pieces).toString('utf8'));
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let canonical: ChatCompletionRequest;
  try {
    canonical = anthropicRequestToCanonical(await readJson(request));
  } catch (error) {
    if (!(error instanceof AnthropicRequestError)) throw error;
    response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(error.toBody('req_rt')));
    return;
  }
  received.push(canonical);
  if (!canonical.stream) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(canonicalResponseToAnthropic(script.response!, canonical.model)));
    return;
  }
  const encoder = new AnthropicStreamEncoder();
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(encoder.start({ model: canonical.model }));
  for (const [index, piece] of script.stream!.entries()) {
    if (index === script.failAfter) return void response.end(encoder.error(529, 'Overloaded'));
    response.write(encoder.push(piece));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  response.end(encoder.end());
}

let server: Server;
let client: Anthropic;

beforeAll(async () => {
  server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new Anthropic({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'pk-test', maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = {};
  received = [];
});

const weatherTool = { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

describe('/v1/messages codec against the official @anthropic-ai/sdk', () => {
  it('messages.create parses a text answer', async () => {
    script.response = TEXT_RESPONSE;
    const message = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 12, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message).toMatchObject({
      id: 'msg_rt3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text: 'Hello, world' }], stop_reason: 'max_tokens', stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 12, cache_read_input_tokens: 10 },
    });
    expect(received[0]).toMatchObject({ model: 'claude-sonnet-4-6', max_tokens: 12, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('messages.create parses a tool_use answer', async () => {
    script.response = TOOL_RESPONSE;
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6', max_tokens: 64, tools: [weatherTool], tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } }]);
    expect(received[0].tool_choice).toBe('required');
  });

  it('messages.stream assembles text and reports usage and stop reason', async () => {
    script.stream = TEXT_STREAM;
    const stream = client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const message = await stream.finalMessage();
    expect(texts).toEqual(['Hello', ', world']);
    expect(message).toMatchObject({
      model: 'claude-sonnet-4-6', content: [{ type: 'text', text: 'Hello, world' }], stop_reason: 'end_turn',
      usage: { input_tokens: 20, output_tokens: 12, cache_read_input_tokens: 10 },
    });
    expect(received[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('messages.stream assembles text followed by two tool calls with streamed JSON input', async () => {
    script.stream = TOOL_STREAM;
    const stream = client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 64, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather?' }] });
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      { type: 'text', text: 'Checking.', citations: undefined },
      { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } },
      { type: 'tool_use', id: 'call_b', name: 'get_time', input: { tz: 'CET' } },
    ].map((block) => (block.type === 'text' ? expect.objectContaining({ type: 'text', text: 'Checking.' }) : block)));
    expect(partials).toEqual(['{"city":', '"Oslo"}', '{"tz":"CET"}']);
  });

  it('a follow-up turn with tool_result blocks reaches the canonical request as tool messages', async () => {
    script.response = TEXT_RESPONSE;
    await client.messages.create({
      model: 'claude-sonnet-4-6', max_tokens: 64, system: 'Be brief.', tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_a', content: '3°C' }, { type: 'text', text: 'Thanks' }] },
      ],
    });
    expect(received[0].messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'call_a', content: '3°C' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('an invalid body raises the SDK BadRequestError with the listed problems', async () => {
    const failure = client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Hi' }] });
    await expect(failure).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(failure).rejects.toMatchObject({ status: 400, error: anthropicErrorBody(400, 'thinking: extended thinking is not supported by this gateway', 'req_rt') });
  });

  it('an error event after bytes were sent rejects the SDK stream with the overloaded error', async () => {
    script.stream = TEXT_STREAM;
    script.failAfter = 2;
    const stream = client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    await expect(stream.finalMessage()).rejects.toMatchObject({ error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    expect(texts).toEqual(['Hello']);
  });
});
