import { describe, expect, it } from 'vitest';
import { isUnsupportedParameterError, type EmbeddingsRequest, type ProviderTarget } from '../../src/plugin-sdk/index.js';
import { DEFAULT_GEMINI_CONFIG } from './config.schema.js';
import { buildEmbeddingsRequest, parseEmbeddingsResponse } from './embeddings.js';
import { FIXTURE_RUNTIME } from './fixtures.js';
import { createGeminiAdapter } from './index.js';

const target: ProviderTarget = { baseUrl: 'https://generativelanguage.googleapis.com/v1beta', apiKey: 'k', extra: {}, model: 'models/text-embedding-004' };
const context = { config: DEFAULT_GEMINI_CONFIG, runtime: FIXTURE_RUNTIME };

describe('embeddings', () => {
  it('sends one batchEmbedContents request per call, one entry per input', () => {
    expect(buildEmbeddingsRequest({ model: 'e', input: ['a', 'b'], dimensions: 8 }, target, context)).toEqual({
      method: 'POST',
      url: 'https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-goog-api-key': 'k' },
      body: JSON.stringify({
        requests: [
          { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 8 },
          { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 8 },
        ],
      }),
    });
    expect(JSON.parse(buildEmbeddingsRequest({ model: 'e', input: 'one' }, target, context).body as string)).toEqual({
      requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'one' }] } }],
    });
  });

  it.each([[[1, 2, 3]], [[[1, 2], [3]]]])('refuses token input %j', (input) => {
    try {
      buildEmbeddingsRequest({ model: 'e', input } as EmbeddingsRequest, target, context);
      expect.unreachable();
    } catch (error) {
      expect(isUnsupportedParameterError(error) && error.param).toBe('input');
    }
  });

  it('answers an OpenAI list with estimated usage when Gemini reports none', () => {
    const body = JSON.stringify({ embeddings: [{ values: [0.5, -0.25] }, { values: [1, 0] }] });
    expect(parseEmbeddingsResponse(body, { model: 'e', input: ['abcdefgh', 'abc'] }, target)).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -0.25] },
        { object: 'embedding', index: 1, embedding: [1, 0] },
      ],
      model: 'text-embedding-004',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  });

  it('prefers reported usage and encodes base64 as little-endian float32', () => {
    const body = JSON.stringify({ embeddings: [{ values: [1, -2] }], usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } });
    expect(parseEmbeddingsResponse(body, { model: 'e', input: 'x', encoding_format: 'base64' }, target)).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: 'AACAPwAAAMA=' }],
      model: 'text-embedding-004',
      usage: { prompt_tokens: 9, total_tokens: 9 },
    });
  });

  it('throws when the answer does not match the inputs', () => {
    expect(() => parseEmbeddingsResponse('{"embeddings":[]}', { model: 'e', input: ['a'] }, target)).toThrow(/0 embeddings for 1 inputs/);
    expect(() => parseEmbeddingsResponse('{}', { model: 'e', input: ['a'] }, target)).toThrow(/embeddings/);
  });
});

describe('listModels', () => {
  it('lists the configured models in the OpenAI shape', async () => {
    const adapter = createGeminiAdapter({ ...DEFAULT_GEMINI_CONFIG, models: [{ id: 'gemini-2.5-flash', capabilities: ['chat'], contextWindow: 1048576 }, { id: 'e', capabilities: ['embeddings'] }] });
    expect(await adapter.listModels!({ baseUrl: '', extra: {} })).toEqual([
      { id: 'gemini-2.5-flash', object: 'model', created: 1735689600, owned_by: 'google', capabilities: ['chat'], context_window: 1048576 },
      { id: 'e', object: 'model', created: 1735689600, owned_by: 'google', capabilities: ['embeddings'] },
    ]);
  });

  it('lists a default set covering chat and embeddings', async () => {
    const ids = (await createGeminiAdapter(DEFAULT_GEMINI_CONFIG).listModels!({ baseUrl: '', extra: {} })).map((model) => model.id);
    expect(ids).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.0-flash', 'gemini-embedding-001', 'text-embedding-004']);
  });
});
