import type {
  ChatCompletionRequest,
  EmbeddingsRequest,
  ProviderAdapter,
  ProviderTarget,
  UpstreamResponse,
} from '../../src/plugin-sdk/index.js';
import { parseStreamPieces } from '../../src/plugin-sdk/testing/stream.js';
import { MOCK_BASE_URL } from './api.js';

/** The requests behind the committed fixtures; `fixtures.spec.ts` records and re-checks them. */
const hello: ChatCompletionRequest = {
  model: 'mock-chat',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Hello, Portico!' },
  ],
  temperature: 0,
};

const withDirective = (directive: string): ChatCompletionRequest => ({
  model: 'mock-chat',
  messages: [{ role: 'user', content: `Please fail ${directive}` }],
});

export const CHAT_FIXTURE_REQUESTS: Record<string, ChatCompletionRequest> = {
  good: hello,
  'good-stream': { ...hello, stream: true },
  'bad-request': withDirective('[mock:status=400]'),
  unauthorized: withDirective('[mock:status=401]'),
  'rate-limited': withDirective('[mock:status=429]'),
  'raw-stream-chunks': {
    model: 'mock-chat',
    messages: [{ role: 'user', content: 'Stream with usage, please.' }],
    stream: true,
    stream_options: { include_usage: true },
  },
};

export const EMBEDDINGS_FIXTURE_REQUEST: EmbeddingsRequest = { model: 'mock-embed', input: ['first text', 'second text'], dimensions: 4 };

export function fixtureTarget(model: string): ProviderTarget {
  return { baseUrl: MOCK_BASE_URL, apiKey: 'sk-mock', extra: {}, model };
}

async function collect(body: string | AsyncIterable<Uint8Array | string>): Promise<string[]> {
  if (typeof body === 'string') return [body];
  const pieces: string[] = [];
  for await (const piece of body) pieces.push(typeof piece === 'string' ? piece : new TextDecoder().decode(piece));
  return pieces;
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Produces every fixture file (name → exact content) by running the fake upstream. */
export async function recordFixtures(adapter: ProviderAdapter): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const signal = new AbortController().signal;
  for (const [name, request] of Object.entries(CHAT_FIXTURE_REQUESTS)) {
    const target = fixtureTarget(request.model);
    const answer = await adapter.localUpstream!(adapter.chat.buildRequest(request, target), signal);
    const pieces = await collect(answer.body);
    const response: UpstreamResponse = { status: answer.status, headers: answer.headers, body: pieces.join('') };
    let expected: unknown;
    if (answer.status >= 400) expected = adapter.mapError(response.status, response.headers, response.body);
    else if (request.stream) expected = parseStreamPieces(adapter, request, target, pieces).chunks;
    else expected = adapter.chat.parseResponse(response, { request, target });
    const meta: Record<string, unknown> = { request, status: answer.status, headers: answer.headers };
    if (name === 'raw-stream-chunks') meta.chunks = pieces;
    else {
      meta.bodyFile = `${name}.body.${request.stream ? 'sse' : 'json'}`;
      files[meta.bodyFile as string] = response.body;
    }
    files[`${name}.json`] = pretty({ ...meta, expected });
  }
  const request = EMBEDDINGS_FIXTURE_REQUEST;
  const target = fixtureTarget(request.model);
  const answer = await adapter.localUpstream!(adapter.embeddings!.buildRequest(request, target), signal);
  const body = (await collect(answer.body)).join('');
  const expected = adapter.embeddings!.parseResponse({ status: answer.status, headers: answer.headers, body }, { request, target });
  files['embeddings.body.json'] = body;
  files['embeddings.json'] = pretty({ request, status: answer.status, headers: answer.headers, bodyFile: 'embeddings.body.json', expected });
  return files;
}
