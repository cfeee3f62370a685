import { describe, expect, it } from 'vitest';
import { createSchemaCompiler, findUndescribedProperties } from '../../src/plugin-host/manifest-check.js';
import { DEFAULT_OPENAI_CONFIG, openAiAccountSchema, openAiConfigSchema } from './config.schema.js';

const ajv = createSchemaCompiler();
const validateConfig = ajv.compile(openAiConfigSchema);
const validateAccount = ajv.compile(openAiAccountSchema);

function problems(validate: typeof validateConfig, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('provider-openai config schema', () => {
  it('describes every property at every depth', () => {
    expect(findUndescribedProperties(openAiConfigSchema)).toEqual([]);
    expect(findUndescribedProperties(openAiAccountSchema)).toEqual([]);
  });

  it('turns an empty config into the documented defaults', () => {
    const config = {};
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual(DEFAULT_OPENAI_CONFIG);
  });

  it('keeps given values', () => {
    const config = { azureApiVersion: '2025-04-01-preview', reasoningModelPattern: '^o' };
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual({ ...DEFAULT_OPENAI_CONFIG, azureApiVersion: '2025-04-01-preview', reasoningModelPattern: '^o' });
  });

  it.each([
    [{ defaultBaseUrl: 'not a url' }, '/defaultBaseUrl format'],
    [{ azureApiVersion: 'latest' }, '/azureApiVersion pattern'],
    [{ reasoningModelPattern: '' }, '/reasoningModelPattern minLength'],
    [{ flavour: 'azure' }, ' additionalProperties'],
  ])('rejects config %j', (config, problem) => {
    expect(problems(validateConfig, config)).toEqual([problem]);
  });

  it('accepts OpenAI and Azure account settings', () => {
    expect(problems(validateAccount, { organization: 'org-1', project: 'proj_1', models: ['gpt-4o-mini'] })).toEqual([]);
    expect(problems(validateAccount, { azure: { deployment: 'chat', deployments: { 'text-embedding-3-small': 'embed' }, apiVersion: '2024-10-21' } })).toEqual([]);
    expect(problems(validateAccount, { azure: {} })).toEqual([]);
  });

  it.each([
    [{ organization: '' }, '/organization minLength'],
    [{ models: 'gpt-4o' }, '/models type'],
    [{ azure: { apiVersion: 'v1' } }, '/azure/apiVersion pattern'],
    [{ azure: { deployments: { a: 1 } } }, '/azure/deployments/a type'],
    [{ azure: { resource: 'x' } }, '/azure additionalProperties'],
  ])('rejects account settings %j', (account, problem) => {
    expect(problems(validateAccount, account)).toEqual([problem]);
  });
});
