import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_CONFIG, mockConfigSchema } from './config.schema.js';

const validate = new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(mockConfigSchema);

function problems(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('provider-mock config schema', () => {
  it('describes every property', () => {
    for (const [name, property] of Object.entries(mockConfigSchema.properties)) {
      expect(property.description, name).toMatch(/\S{3,}/);
    }
  });

  it('turns an empty config into the documented defaults', () => {
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual(DEFAULT_MOCK_CONFIG);
  });

  it('keeps given values and fills the rest', () => {
    const config = { latencyMs: 250, embeddingDimensions: 1536 };
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ ...DEFAULT_MOCK_CONFIG, latencyMs: 250, embeddingDimensions: 1536 });
  });

  it.each([
    [{ failureRate: 1.5 }, '/failureRate maximum'],
    [{ failureRate: -0.1 }, '/failureRate minimum'],
    [{ latencyMs: -1 }, '/latencyMs minimum'],
    [{ chunkDelayMs: 1.5 }, '/chunkDelayMs type'],
    [{ wordsPerChunk: 0 }, '/wordsPerChunk minimum'],
    [{ replyWords: 1 }, '/replyWords minimum'],
    [{ embeddingDimensions: 0 }, '/embeddingDimensions minimum'],
    [{ seed: 'abc' }, '/seed type'],
    [{ latency: 5 }, ' additionalProperties'],
  ])('rejects %j', (config, problem) => {
    expect(problems(config)).toEqual([problem]);
  });
});
