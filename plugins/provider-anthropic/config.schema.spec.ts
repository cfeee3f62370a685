import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { anthropicConfigSchema, DEFAULT_ANTHROPIC_CONFIG } from './config.schema.js';

const validate = new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(anthropicConfigSchema);

function problems(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('provider-anthropic config schema', () => {
  it('describes every property', () => {
    for (const [name, property] of Object.entries(anthropicConfigSchema.properties)) {
      expect(property.description, name).toMatch(/\S{3,}/);
    }
  });

  it('turns an empty config into the documented defaults', () => {
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual(DEFAULT_ANTHROPIC_CONFIG);
  });

  it('keeps given values and fills the rest', () => {
    const config = { defaultMaxTokens: 1024, jsonSchemaOutput: 'native' };
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ ...DEFAULT_ANTHROPIC_CONFIG, defaultMaxTokens: 1024, jsonSchemaOutput: 'native' });
  });

  it.each([
    [{ defaultMaxTokens: 0 }, '/defaultMaxTokens minimum'],
    [{ defaultMaxTokens: 1.5 }, '/defaultMaxTokens type'],
    [{ anthropicVersion: 'latest' }, '/anthropicVersion pattern'],
    [{ jsonSchemaOutput: 'tool' }, '/jsonSchemaOutput enum'],
    [{ models: [''] }, '/models/0 minLength'],
    [{ models: 'claude' }, '/models type'],
    [{ maxTokens: 5 }, ' additionalProperties'],
  ])('rejects %j', (config, problem) => {
    expect(problems(config)).toEqual([problem]);
  });
});
