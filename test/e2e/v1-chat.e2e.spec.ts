import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-chat-bootstrap-key-0123456789abcdef';

/** The OpenAI endpoints through the whole pipeline, with the official client, against the offline mock. */
describe('/v1/chat/completions and /v1/embeddings with the official openai client', () => {
  let subject: TestApp;
  let baseURL: string;
  let openai: OpenAI;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    baseURL = `http://127.0.0.1:${port}/v1`;
    openai = new OpenAI({ apiKey: BOOTSTRAP_KEY, baseURL, maxRetries: 0 });
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('answers a chat completion, deterministic, with usage and the journey headers', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('mock/mock-chat');
    expect(data.choices[0].message.content).toMatch(/^mock /);
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-portico-target')).toBe('mock/mock-chat');
    expect(response.headers.get('x-portico-attempts')).toBe('1');
    expect(Number(response.headers.get('x-portico-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const again = await openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'Say hello' }] });
    expect(again.choices[0].message.content).toBe(data.choices[0].message.content);
  });

  it('streams chunk for chunk and puts usage in a final chunk only when asked', async () => {
    const pieces: string[] = [];
    let usageChunks = 0;
    const stream = await openai.chat.completions.create({
      model: 'mock/mock-chat',
      messages: [{ role: 'user', content: 'Tell a story' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) {
      if (chunk.usage) usageChunks += 1;
      pieces.push(chunk.choices[0]?.delta?.content ?? '');
    }
    expect(pieces.join('')).toMatch(/^mock /);
    expect(pieces.filter(Boolean).length).toBeGreaterThan(2);
    expect(usageChunks).toBe(1);

    let withoutUsage = 0;
    for await (const chunk of await openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'Tell a story' }], stream: true })) {
      if (chunk.usage) withoutUsage += 1;
    }
    expect(withoutUsage).toBe(0);
  });

  it('returns tool calls', async () => {
    const completion = await openai.chat.completions.create({
      model: 'mock/mock-chat',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
    });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
  });

  it('answers embeddings', async () => {
    const result = await openai.embeddings.create({ model: 'mock/mock-embed', input: ['one', 'two'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0].embedding.length).toBeGreaterThan(0);
    expect(result.model).toBe('mock/mock-embed');
  });

  it('answers bad input, unknown models and upstream failures truthfully, in the OpenAI envelope', async () => {
    const invalid = await openai.chat.completions.create({ model: 'mock/mock-chat', messages: [] }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect((invalid as InstanceType<typeof OpenAI.APIError>).param).toBe('messages');

    const unknown = await openai.chat.completions.create({ model: 'nowhere/model', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_found');

    const limited = await openai.chat.completions
      .create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi [mock:status=429]' }] })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toMatch(/^\d+$/);

    const broken = await openai.chat.completions
      .create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi [mock:status=500]' }] })
      .catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(OpenAI.InternalServerError);
    expect((broken as InstanceType<typeof OpenAI.APIError>).status).toBe(502);

    const malformed = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('ends a stream that breaks after it started with an error event, never a silent success', async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/mock-chat', stream: true, messages: [{ role: 'user', content: 'long story [mock:cut-stream=2]' }] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('data: {"error":');
    expect(text).not.toContain('[DONE]');
  });
});
