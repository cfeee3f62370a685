import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { findUndescribedProperties } from '../../src/plugin-host/manifest-check.js';
import { DEFAULT_GEMINI_CONFIG, geminiConfigSchema } from './config.schema.js';

const validate = new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(geminiConfigSchema);

function problems(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('provider-gemini config schema', () => {
  it('describes every property at every depth', () => {
    expect(findUndescribedProperties(geminiConfigSchema)).toEqual([]);
  });

  it('turns an empty config into the documented defaults', () => {
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual(DEFAULT_GEMINI_CONFIG);
  });

  it('keeps given values and fills the rest', () => {
    const config = { remoteImages: 'file-data', models: [{ id: 'gemini-2.5-flash', capabilities: ['chat'] }] };
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ ...DEFAULT_GEMINI_CONFIG, remoteImages: 'file-data', models: [{ id: 'gemini-2.5-flash', capabilities: ['chat'] }] });
  });

  it.each([
    [{ apiVersion: 'v2' }, '/apiVersion enum'],
    [{ remoteImages: 'fetch' }, '/remoteImages enum'],
    [{ models: [{ id: 'models/gemini-2.5-flash', capabilities: ['chat'] }] }, '/models/0/id pattern'],
    [{ models: [{ id: 'gemini-2.5-flash', capabilities: [] }] }, '/models/0/capabilities minItems'],
    [{ models: [{ id: 'gemini-2.5-flash', capabilities: ['vision'] }] }, '/models/0/capabilities/0 enum'],
    [{ models: [{ id: 'gemini-2.5-flash' }] }, '/models/0 required'],
    [{ models: [{ id: 'gemini-2.5-flash', capabilities: ['chat'], contextWindow: 0 }] }, '/models/0/contextWindow minimum'],
    [{ region: 'eu' }, ' additionalProperties'],
  ])('rejects %j', (config, problem) => {
    expect(problems(config)).toEqual([problem]);
  });
});
