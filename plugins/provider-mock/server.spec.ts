import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_FIXTURE_REQUESTS } from './fixtures.js';
import { type MockUpstreamServer, startMockUpstreamServer } from './server.js';

let server: MockUpstreamServer;
beforeAll(async () => {
  server = await startMockUpstreamServer();
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('mock upstream over node:http', () => {
  it('serves the committed stream fixture byte for byte', async () => {
    const response = await post('/chat/completions', CHAT_FIXTURE_REQUESTS['good-stream']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.text()).toBe(readFileSync(join(__dirname, '__fixtures__', 'good-stream.body.sse'), 'utf8'));
  });

  it('serves a chat completion, embeddings and the model list', async () => {
    const completion = await (await post('/chat/completions', CHAT_FIXTURE_REQUESTS.good)).text();
    expect(completion).toBe(readFileSync(join(__dirname, '__fixtures__', 'good.body.json'), 'utf8'));
    const embeddings = (await (await post('/embeddings', { model: 'mock-embed', input: 'x', dimensions: 3 })).json()) as {
      data: Array<{ embedding: number[] }>;
    };
    expect(embeddings.data[0].embedding).toHaveLength(3);
    const models = (await (await fetch(`${server.url}/models`)).json()) as { object: string; data: Array<Record<string, unknown>> };
    expect(models.object).toBe('list');
    expect(models.data[0]).toEqual({ id: 'mock-chat', object: 'model', created: 1735689600, owned_by: 'portico-mock' });
  });

  it('answers 429 with retry-after and the OpenAI error envelope', async () => {
    const response = await post('/chat/completions', CHAT_FIXTURE_REQUESTS['rate-limited']);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      error: { message: 'Rate limit reached for requests. Please try again in 1s.', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('drops the connection mid-stream on [mock:cut-stream=2]', async () => {
    const outcome = await post('/chat/completions', { model: 'mock-chat', stream: true, messages: [{ role: 'user', content: '[mock:cut-stream=2]' }] })
      .then((response) => response.text())
      .then(
        () => 'complete',
        (error: Error) => `failed: ${(error.cause as { code?: string } | undefined)?.code ?? error.message}`,
      );
    expect(outcome).toMatch(/^failed: (UND_ERR_SOCKET|terminated)/);
  });

  it('answers 404 for unknown paths', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unknown_url');
  });
});
