import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse, ProviderError } from '../../src/plugin-sdk/index.js';
import { parseStreamPieces, readFixture } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_GEMINI_CONFIG } from './config.schema.js';
import { FIXTURE_RUNTIME, FIXTURE_TARGET, recordFixtures } from './fixtures.js';
import { createGeminiAdapter } from './index.js';

const fixturesDir = join(__dirname, '__fixtures__');

describe('provider-gemini recorded fixtures', () => {
  it('are what the adapter derives from the recorded Gemini bodies (RECORD_FIXTURES=1 rewrites them)', () => {
    const files = recordFixtures(createGeminiAdapter(DEFAULT_GEMINI_CONFIG, FIXTURE_RUNTIME), fixturesDir);
    if (process.env.RECORD_FIXTURES === '1') {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(fixturesDir, name), content);
    }
    const caseFiles = readdirSync(fixturesDir).filter((name) => name.endsWith('.json') && !name.endsWith('.body.json'));
    expect(caseFiles.sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      expect(readFileSync(join(fixturesDir, name), 'utf8'), name).toBe(content);
    }
  });
});

describe('provider-gemini extra fixtures', () => {
  const adapter = createGeminiAdapter(DEFAULT_GEMINI_CONFIG, FIXTURE_RUNTIME);

  it.each([
    ['overloaded', 'overloaded', 503],
    ['context-length', 'context_length', 400],
  ])('maps %s to the %s class', (name, errorClass, status) => {
    const fixture = readFixture<ChatCompletionRequest, ProviderError>(fixturesDir, name);
    const mapped = adapter.mapError(fixture.status, fixture.headers, fixture.body);
    expect([mapped.class, mapped.status]).toEqual([errorClass, status]);
    expect(mapped).toEqual(fixture.expected);
  });

  it('answers the safety-blocked prompt with a content_filter refusal', () => {
    const fixture = readFixture<ChatCompletionRequest, ChatCompletionResponse>(fixturesDir, 'safety-blocked');
    const parsed = adapter.chat.parseResponse({ status: 200, headers: fixture.headers, body: fixture.body }, { request: fixture.request, target: FIXTURE_TARGET });
    expect(parsed.choices.map((choice) => [choice.finish_reason, choice.message.content, choice.message.refusal])).toEqual([
      ['content_filter', null, 'Gemini blocked the prompt (PROHIBITED_CONTENT).'],
    ]);
    expect(parsed).toEqual(fixture.expected);
  });

  it('streams two whole function calls, ends on tool_calls and closes with usage', () => {
    const fixture = readFixture<ChatCompletionRequest, ChatCompletionChunk[]>(fixturesDir, 'function-call-stream');
    const bytes = [...new TextEncoder().encode(fixture.body)].map((byte) => Uint8Array.of(byte));
    const { chunks, state } = parseStreamPieces(adapter, fixture.request, FIXTURE_TARGET, bytes);
    expect(state.done).toBe(true);
    expect(chunks).toEqual(fixture.expected);
    expect(chunks[0].choices[0].delta.tool_calls?.map((call) => [call.index, call.function?.name, call.function?.arguments])).toEqual([
      [0, 'get_weather', '{"city":"Oslo","unit":"celsius"}'],
      [1, 'get_time', '{"timezone":"Europe/Oslo"}'],
    ]);
    expect(chunks[0].choices[0].finish_reason).toBe('tool_calls');
    expect(chunks[1].usage).toMatchObject({ prompt_tokens: 74, completion_tokens: 87, total_tokens: 161, completion_tokens_details: { reasoning_tokens: 60 } });
  });
});
