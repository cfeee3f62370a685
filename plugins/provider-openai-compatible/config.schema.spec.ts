import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { findUndescribedProperties } from '../../src/plugin-host/manifest-check.js';
import { compatibleAccountSchema, compatibleConfigSchema, DEFAULT_COMPATIBLE_CONFIG } from './config.schema.js';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validateConfig = ajv.compile(compatibleConfigSchema);
const validateAccount = ajv.compile(compatibleAccountSchema);

function problems(validate: typeof validateConfig, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('provider-openai-compatible config schema', () => {
  it('describes every property at every depth', () => {
    expect(findUndescribedProperties(compatibleConfigSchema)).toEqual([]);
    expect(findUndescribedProperties(compatibleAccountSchema)).toEqual([]);
  });

  it('turns an empty config into the documented defaults', () => {
    const config = {};
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual(DEFAULT_COMPATIBLE_CONFIG);
  });

  it('keeps given values and fills the rest', () => {
    const config = { supportsStreamUsage: false, extraHeaders: { 'X-Tenant': 'a' } };
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual({ ...DEFAULT_COMPATIBLE_CONFIG, supportsStreamUsage: false, extraHeaders: { 'X-Tenant': 'a' } });
  });

  it('leaves an account’s unset settings unset (the plugin config fills them)', () => {
    const account = { supportsTools: false };
    expect(validateAccount(account)).toBe(true);
    expect(account).toEqual({ supportsTools: false });
  });

  it.each([
    [{ supportsTools: 'no' }, '/supportsTools type'],
    [{ maxTokensParameter: 'max_new_tokens' }, '/maxTokensParameter enum'],
    [{ developerRole: 'user' }, '/developerRole enum'],
    [{ extraHeaders: { 'x-a': 1 } }, '/extraHeaders/x-a type'],
    [{ models: [''] }, '/models/0 minLength'],
    [{ supportsAudio: true }, ' additionalProperties'],
  ])('rejects %j', (config, problem) => {
    expect(problems(validateConfig, config)).toEqual([problem]);
    expect(problems(validateAccount, config)).toEqual([problem]);
  });
});
