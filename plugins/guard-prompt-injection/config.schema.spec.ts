import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROMPT_INJECTION_BINDING,
  DEFAULT_PROMPT_INJECTION_CONFIG,
  promptInjectionBindingSchema,
  promptInjectionConfigSchema,
} from './config.schema.js';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validateConfig = ajv.compile(promptInjectionConfigSchema);
const validateBinding = ajv.compile(promptInjectionBindingSchema);

function problems(validate: typeof validateConfig, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('guard-prompt-injection config schema', () => {
  it('describes every property of both schemas', () => {
    for (const schema of [promptInjectionConfigSchema, promptInjectionBindingSchema]) {
      for (const [name, property] of Object.entries(schema.properties)) expect(property.description, name).toMatch(/\S{3,}/);
    }
  });

  it('turns an empty plugin config into the documented defaults', () => {
    const config = {};
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual(DEFAULT_PROMPT_INJECTION_CONFIG);
  });

  it('turns an empty binding into the documented defaults', () => {
    const binding = {};
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual(DEFAULT_PROMPT_INJECTION_BINDING);
  });

  it('keeps given binding values and fills the rest', () => {
    const binding = { threshold: 0.7, action: 'flag', roles: ['user'], allowlist: ['Jailbreak Pro'] };
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual({ ...DEFAULT_PROMPT_INJECTION_BINDING, threshold: 0.7, action: 'flag', roles: ['user'], allowlist: ['Jailbreak Pro'] });
  });

  it.each([
    [{ maxScanChars: 10 }, '/maxScanChars minimum'],
    [{ maxPayloads: -1 }, '/maxPayloads minimum'],
    [{ maxDecodeDepth: 9 }, '/maxDecodeDepth maximum'],
    [{ scan: true }, ' additionalProperties'],
  ])('rejects plugin config %j', (config, problem) => {
    expect(problems(validateConfig, config)).toEqual([problem]);
  });

  it.each([
    [{ threshold: 1.5 }, '/threshold maximum'],
    [{ untrustedThreshold: -0.1 }, '/untrustedThreshold minimum'],
    [{ action: 'warn' }, '/action enum'],
    [{ blockStatus: 500 }, '/blockStatus enum'],
    [{ roles: ['user', 'user'] }, '/roles uniqueItems'],
    [{ roles: ['function'] }, '/roles/0 enum'],
    [{ detectRetrieved: 'yes' }, '/detectRetrieved type'],
    [{ allowlist: ['ok'] }, '/allowlist/0 minLength'],
    [{ mode: 'strict' }, ' additionalProperties'],
  ])('rejects binding %j', (binding, problem) => {
    expect(problems(validateBinding, binding)).toEqual([problem]);
  });
});
