import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  EmbeddingsRequest,
} from '../canonical.js';
import type { HeaderMap, ProviderAdapter, ProviderError, ProviderErrorClass, ProviderTarget } from '../provider.js';
import { parseStreamPieces } from './stream.js';

/**
 * One recorded exchange, `<case>.json` in a provider's `__fixtures__/`:
 * the canonical request, the upstream's status and headers, the upstream body (in `bodyFile`,
 * byte for byte, or as the list of `chunks` the upstream wrote) and the canonical result the
 * adapter must produce from it.
 *
 * @example
 * { "request": { "model": "mock-chat", "messages": [...] }, "status": 200,
 *   "headers": { "content-type": "application/json" }, "bodyFile": "good.body.json", "expected": { ... } }
 */
export interface ProviderFixture<TRequest = ChatCompletionRequest, TExpected = unknown> {
  request: TRequest;
  status: number;
  headers: HeaderMap;
  bodyFile?: string;
  chunks?: string[];
  expected: TExpected;
}

/** Cases every provider records; `embeddings` is recorded by providers that support it. */
export const REQUIRED_FIXTURES = ['good', 'good-stream', 'bad-request', 'unauthorized', 'rate-limited', 'raw-stream-chunks'] as const;

const ERROR_CASES: Array<[string, ProviderErrorClass]> = [
  ['bad-request', 'bad_request'],
  ['unauthorized', 'auth'],
  ['rate-limited', 'rate_limit'],
];

const ERROR_CLASSES: ProviderErrorClass[] = [
  'auth', 'rate_limit', 'context_length', 'content_policy', 'overloaded', 'bad_request', 'not_found', 'server', 'timeout',
];

const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'];

export { parseStreamPieces };

export function readFixture<TRequest = ChatCompletionRequest, TExpected = unknown>(
  fixturesDir: string,
  name: string,
): ProviderFixture<TRequest, TExpected> & { body: string } {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, `${name}.json`), 'utf8')) as ProviderFixture<TRequest, TExpected>;
  const body = fixture.bodyFile ? readFileSync(join(fixturesDir, fixture.bodyFile), 'utf8') : (fixture.chunks ?? []).join('');
  return { ...fixture, body };
}

function expectChunkShapes(chunks: ChatCompletionChunk[]): void {
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) {
    expect(chunk.object).toBe('chat.completion.chunk');
    expect(chunk.id).toBe(chunks[0].id);
    expect(Array.isArray(chunk.choices)).toBe(true);
  }
  const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((reason) => reason !== null);
  expect(finishes.length).toBeGreaterThan(0);
  for (const reason of finishes) expect(FINISH_REASONS).toContain(reason);
}

function expectUsage(usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null | undefined): void {
  expect(usage).toBeTruthy();
  expect(usage!.total_tokens).toBe(usage!.prompt_tokens + usage!.completion_tokens);
}

/**
 * The shared suite every provider adapter passes (STYLE rule 9): its recorded fixtures parse to
 * the right canonical shapes and error classes, with no network.
 *
 * @example
 * describeProviderConformance('provider-mock', join(__dirname, '__fixtures__'), createMockAdapter(defaults));
 */
export function describeProviderConformance(
  name: string,
  fixturesDir: string,
  adapter: ProviderAdapter,
  target: ProviderTarget = { baseUrl: 'https://upstream.example/v1', apiKey: 'test-key', extra: {}, model: 'test-model' },
): void {
  describe(`${name} provider conformance`, () => {
    it.each(REQUIRED_FIXTURES)('has the recorded fixture %s', (fixture) => {
      expect(existsSync(join(fixturesDir, `${fixture}.json`))).toBe(true);
    });

    it('builds a request for a chat completion', () => {
      const { request } = readFixture(fixturesDir, 'good');
      const built = adapter.chat.buildRequest(request, target);
      expect(built.method).toBe('POST');
      expect(() => new URL(built.url)).not.toThrow();
      expect(built.body).toBeDefined();
      expect(Object.keys(built.headers).every((header) => header === header.toLowerCase())).toBe(true);
    });

    it('parses the good response to a canonical chat.completion', () => {
      const fixture = readFixture<ChatCompletionRequest, ChatCompletionResponse>(fixturesDir, 'good');
      const parsed = adapter.chat.parseResponse(
        { status: fixture.status, headers: fixture.headers, body: fixture.body },
        { request: fixture.request, target },
      );
      expect(parsed).toEqual(fixture.expected);
      expect(parsed.object).toBe('chat.completion');
      expect(parsed.choices.length).toBeGreaterThan(0);
      for (const choice of parsed.choices) {
        expect(choice.message.role).toBe('assistant');
        expect(FINISH_REASONS).toContain(choice.finish_reason);
      }
      expectUsage(parsed.usage);
    });

    it('parses the good stream to canonical chunks, whatever the chunk boundaries', () => {
      const fixture = readFixture<ChatCompletionRequest, ChatCompletionChunk[]>(fixturesDir, 'good-stream');
      expect(fixture.request.stream).toBe(true);
      expect(adapter.chat.buildRequest(fixture.request, target).body).toBeDefined();
      const whole = parseStreamPieces(adapter, fixture.request, target, [fixture.body]);
      expect(whole.chunks).toEqual(fixture.expected);
      expect(whole.state.done).toBe(true);
      expectChunkShapes(whole.chunks);
      const bytes = new TextEncoder().encode(fixture.body);
      const byteByByte = parseStreamPieces(adapter, fixture.request, target, [...bytes].map((byte) => Uint8Array.of(byte)));
      expect(byteByByte.chunks).toEqual(fixture.expected);
    });

    it('parses the raw stream chunks as written, ending with usage when it was asked for', () => {
      const fixture = readFixture<ChatCompletionRequest, ChatCompletionChunk[]>(fixturesDir, 'raw-stream-chunks');
      expect(fixture.chunks?.length).toBeGreaterThan(1);
      const { chunks, state } = parseStreamPieces(adapter, fixture.request, target, fixture.chunks!);
      expect(chunks).toEqual(fixture.expected);
      expect(state.done).toBe(true);
      expectChunkShapes(chunks);
      if (fixture.request.stream_options?.include_usage) {
        const last = chunks[chunks.length - 1];
        expect(last.choices).toEqual([]);
        expectUsage(last.usage);
      }
    });

    it.each(ERROR_CASES)('maps the %s fixture to the %s class', (fixtureName, errorClass) => {
      const fixture = readFixture<ChatCompletionRequest, ProviderError>(fixturesDir, fixtureName);
      const mapped = adapter.mapError(fixture.status, fixture.headers, fixture.body);
      expect(mapped).toEqual(fixture.expected);
      expect(mapped.class).toBe(errorClass);
      expect(mapped.status).toBe(fixture.status);
      if (fixture.headers['retry-after'] !== undefined) expect(mapped.retryAfterSeconds).toBeGreaterThanOrEqual(0);
    });

    it.each([502, 503, 504, 500])('maps a non-JSON %s body without throwing', (status) => {
      const mapped = adapter.mapError(status, { 'content-type': 'text/html' }, '<html><body>upstream down</body></html>');
      expect(ERROR_CLASSES).toContain(mapped.class);
      expect(mapped.status).toBe(status);
      expect(typeof mapped.message).toBe('string');
    });

    it.runIf(existsSync(join(fixturesDir, 'embeddings.json')))('parses the embeddings fixture', () => {
      const fixture = readFixture<EmbeddingsRequest>(fixturesDir, 'embeddings');
      expect(adapter.embeddings).toBeDefined();
      expect(adapter.embeddings!.buildRequest(fixture.request, target).method).toBe('POST');
      const parsed = adapter.embeddings!.parseResponse(
        { status: fixture.status, headers: fixture.headers, body: fixture.body },
        { request: fixture.request, target },
      );
      expect(parsed).toEqual(fixture.expected);
      expect(parsed.object).toBe('list');
      for (const item of parsed.data) expect(item.object).toBe('embedding');
    });
  });
}
