import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ChatCompletionRequest,
  EmbeddingsRequest,
  HeaderMap,
  ProviderAdapter,
  ProviderTarget,
} from '../../src/plugin-sdk/index.js';
import { parseStreamPieces } from '../../src/plugin-sdk/testing/stream.js';
import type { GeminiRuntime } from './api.js';

/** Pinned so recorded fixtures are byte-stable. */
export const FIXTURE_RUNTIME: GeminiRuntime = { now: () => 1735689600_000, newId: () => 'fixture' };

export const FIXTURE_TARGET: ProviderTarget = {
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'test-key',
  extra: {},
  model: 'gemini-2.0-flash',
};

const hello: ChatCompletionRequest = {
  model: 'gemini-2.0-flash',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Hello, Portico!' },
  ],
  temperature: 0,
};

const weatherTools: ChatCompletionRequest['tools'] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
        required: ['city'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_time',
      description: 'Local time in a time zone',
      parameters: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] },
    },
  },
];

const jsonHeaders: HeaderMap = { 'content-type': 'application/json; charset=UTF-8', vary: 'Origin, X-Origin, Referer', 'server-timing': 'gfet4t7; dur=412' };
const sseHeaders: HeaderMap = { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff', 'server-timing': 'gfet4t7; dur=380' };

interface ChatCase {
  request: ChatCompletionRequest;
  status: number;
  headers: HeaderMap;
  bodyFile: string;
  kind: 'response' | 'stream' | 'error';
}

export const CHAT_CASES: Record<string, ChatCase> = {
  good: { request: hello, status: 200, headers: jsonHeaders, bodyFile: 'good.body.json', kind: 'response' },
  'good-stream': { request: { ...hello, stream: true }, status: 200, headers: sseHeaders, bodyFile: 'good-stream.body.sse', kind: 'stream' },
  'function-call-stream': {
    request: {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather and time in Oslo?' }],
      tools: weatherTools,
      tool_choice: 'auto',
      stream: true,
      stream_options: { include_usage: true },
    },
    status: 200,
    headers: sseHeaders,
    bodyFile: 'function-call-stream.body.sse',
    kind: 'stream',
  },
  'safety-blocked': {
    request: { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Something Gemini refuses to read.' }] },
    status: 200,
    headers: jsonHeaders,
    bodyFile: 'safety-blocked.body.json',
    kind: 'response',
  },
  'bad-request': { request: { ...hello, temperature: 3 }, status: 400, headers: jsonHeaders, bodyFile: 'bad-request.body.json', kind: 'error' },
  unauthorized: { request: hello, status: 400, headers: jsonHeaders, bodyFile: 'unauthorized.body.json', kind: 'error' },
  'rate-limited': { request: hello, status: 429, headers: jsonHeaders, bodyFile: 'rate-limited.body.json', kind: 'error' },
  overloaded: { request: hello, status: 503, headers: jsonHeaders, bodyFile: 'overloaded.body.json', kind: 'error' },
  'context-length': { request: hello, status: 400, headers: jsonHeaders, bodyFile: 'context-length.body.json', kind: 'error' },
};

/** Written as the upstream wrote them (one TCP read per entry, events split mid-way on purpose). */
export const RAW_STREAM_CHUNKS: string[] = [
  'data: {"candidates": [{"content": {"parts": [{"text": "Cached"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 2061,"totalTokenCount": 2061,"cachedContentTokenCount": 2048},"modelVersion": "gemini-2.5-flash","responseId": "c3RyZWFtLXdpdGgtdXNhZ2U"}\r\n\r\n',
  'data: {"candidates": [{"content": {"parts": [{"text": " context keeps"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 2061,"totalTokenCount": 2061,"cachedContentTokenCount": 2048},"modelVersion": "gemini-2.5-flash","responseId": "c3Ry',
  'ZWFtLXdpdGgtdXNhZ2U"}\r\n\r\ndata: {"candidates": [{"content": {"parts": [{"text": " prompts cheap."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 2061,"candidatesTokenCount": 7,"totalTokenCount": 2108,"cachedContentTokenCount": 2048,"thoughtsTokenCount": 40},"modelVersion": "gemini-2.5-flash","responseId": "c3RyZWFtLXdpdGgtdXNhZ2U"}\r\n',
  '\r\n',
];

export const RAW_STREAM_REQUEST: ChatCompletionRequest = {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Why cache context?' }],
  stream: true,
  stream_options: { include_usage: true },
};

export const EMBEDDINGS_REQUEST: EmbeddingsRequest = { model: 'text-embedding-004', input: ['first text', 'second text'], dimensions: 4 };

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Re-derives every `<case>.json` from its request and recorded body; `fixtures.spec.ts` compares. */
export function recordFixtures(adapter: ProviderAdapter, fixturesDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, fixture] of Object.entries(CHAT_CASES)) {
    const body = readFileSync(join(fixturesDir, fixture.bodyFile), 'utf8');
    const target = { ...FIXTURE_TARGET, model: fixture.request.model };
    const expected =
      fixture.kind === 'error'
        ? adapter.mapError(fixture.status, fixture.headers, body)
        : fixture.kind === 'stream'
          ? parseStreamPieces(adapter, fixture.request, target, [body]).chunks
          : adapter.chat.parseResponse({ status: fixture.status, headers: fixture.headers, body }, { request: fixture.request, target });
    files[`${name}.json`] = json({ request: fixture.request, status: fixture.status, headers: fixture.headers, bodyFile: fixture.bodyFile, expected });
  }
  const rawTarget = { ...FIXTURE_TARGET, model: RAW_STREAM_REQUEST.model };
  files['raw-stream-chunks.json'] = json({
    request: RAW_STREAM_REQUEST,
    status: 200,
    headers: sseHeaders,
    chunks: RAW_STREAM_CHUNKS,
    expected: parseStreamPieces(adapter, RAW_STREAM_REQUEST, rawTarget, RAW_STREAM_CHUNKS).chunks,
  });
  const embeddingsBody = readFileSync(join(fixturesDir, 'embeddings.body.json'), 'utf8');
  const embeddingsTarget = { ...FIXTURE_TARGET, model: EMBEDDINGS_REQUEST.model };
  files['embeddings.json'] = json({
    request: EMBEDDINGS_REQUEST,
    status: 200,
    headers: jsonHeaders,
    bodyFile: 'embeddings.body.json',
    expected: adapter.embeddings!.parseResponse(
      { status: 200, headers: jsonHeaders, body: embeddingsBody },
      { request: EMBEDDINGS_REQUEST, target: embeddingsTarget },
    ),
  });
  return files;
}
