import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { undescribedProperties } from '../../src/plugin-sdk/testing/guard-conformance.js';
import {
  contentPolicyBindingSchema,
  contentPolicyConfigSchema,
  DEFAULT_CONTENT_POLICY_BINDING,
  DEFAULT_CONTENT_POLICY_CONFIG,
} from './config.schema.js';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validateConfig = ajv.compile(contentPolicyConfigSchema);
const validateBinding = ajv.compile(contentPolicyBindingSchema);

function problems(validate: typeof validateBinding, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('guard-content-policy config schema', () => {
  it('describes every property at every depth', () => {
    expect(undescribedProperties(contentPolicyConfigSchema)).toEqual([]);
    expect(undescribedProperties(contentPolicyBindingSchema)).toEqual([]);
  });

  it('turns an empty plugin config into the documented defaults', () => {
    const config = {};
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual(DEFAULT_CONTENT_POLICY_CONFIG);
  });

  it('turns an empty binding into the documented defaults, every rule off', () => {
    const binding = {};
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual(DEFAULT_CONTENT_POLICY_BINDING);
  });

  it('fills the defaults of a regex rule and of a partly given section', () => {
    const binding = { regex: [{ id: 'card', pattern: '\\d{16}' }], output: { json: { required: true } } };
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual({
      ...DEFAULT_CONTENT_POLICY_BINDING,
      regex: [{ id: 'card', pattern: '\\d{16}', flags: '', appliesTo: 'input', action: 'block' }],
      output: { ...DEFAULT_CONTENT_POLICY_BINDING.output, json: { required: true, bufferStream: false, action: 'block' } },
    });
  });

  it('accepts a JSON Schema for the output', () => {
    expect(problems(validateBinding, { output: { json: { schema: { type: 'object', required: ['answer'] } } } })).toEqual([]);
  });

  it.each([
    [{ tokenizer: 'p50k_base' }, '/tokenizer enum'],
    [{ cache: 1 }, ' additionalProperties'],
  ])('rejects plugin config %j', (config, problem) => {
    expect(problems(validateConfig, config)).toEqual([problem]);
  });

  it.each([
    [{ models: { allow: [''] } }, '/models/allow/0 minLength'],
    [{ models: { action: 'warn' } }, '/models/action enum'],
    [{ inputTokens: { max: -1 } }, '/inputTokens/max minimum'],
    [{ inputTokens: { max: 1.5 } }, '/inputTokens/max type'],
    [{ terms: { deny: 'kill' } }, '/terms/deny type'],
    [{ terms: { roles: ['robot'] } }, '/terms/roles/0 enum'],
    [{ regex: [{ pattern: 'x' }] }, '/regex/0 required'],
    [{ regex: [{ id: 'Bad Id', pattern: 'x' }] }, '/regex/0/id pattern'],
    [{ regex: [{ id: 'x', pattern: 'x', flags: 'g' }] }, '/regex/0/flags pattern'],
    [{ regex: [{ id: 'x', pattern: 'x', appliesTo: 'headers' }] }, '/regex/0/appliesTo enum'],
    [{ output: { json: { schema: 'object' } } }, '/output/json/schema type'],
    [{ output: { maxChars: { max: -5 } } }, '/output/maxChars/max minimum'],
    [{ output: { terms: { deny: [''] } } }, '/output/terms/deny/0 minLength'],
    [{ output: { stream: true } }, '/output additionalProperties'],
    [{ denyList: [] }, ' additionalProperties'],
  ])('rejects binding %j', (binding, problem) => {
    expect(problems(validateBinding, binding)).toEqual([problem]);
  });
});
