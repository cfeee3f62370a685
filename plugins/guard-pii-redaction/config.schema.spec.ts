import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { undescribedProperties } from '../../src/plugin-sdk/testing/guard-conformance.js';
import { DEFAULT_BINDING, DEFAULT_PLUGIN_CONFIG, piiBindingSchema, piiConfigSchema } from './config.schema.js';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validateConfig = ajv.compile(piiConfigSchema);
const validateBinding = ajv.compile(piiBindingSchema);

function problems(binding: unknown): string[] {
  return validateBinding(binding) ? [] : (validateBinding.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

describe('guard-pii-redaction config and binding schemas', () => {
  it('describes every property at every depth', () => {
    expect(undescribedProperties(piiConfigSchema)).toEqual([]);
    expect(undescribedProperties(piiBindingSchema)).toEqual([]);
  });

  it('turns an empty plugin config into the documented defaults', () => {
    const config = {};
    expect(validateConfig(config)).toBe(true);
    expect(config).toEqual(DEFAULT_PLUGIN_CONFIG);
  });

  it('turns an empty binding into the documented defaults', () => {
    const binding = {};
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual(DEFAULT_BINDING);
  });

  it('keeps given actions and fills the other entity types', () => {
    const binding = { entities: { email: 'block', person: 'tokenize' }, response: { detect: true } };
    expect(validateBinding(binding)).toBe(true);
    expect(binding).toEqual({
      ...DEFAULT_BINDING,
      entities: { ...DEFAULT_BINDING.entities, email: 'block', person: 'tokenize' },
      response: { detect: true, action: 'replace' },
    });
  });

  it('fills the defaults of a custom entity', () => {
    const binding = { custom: [{ label: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }] };
    expect(validateBinding(binding)).toBe(true);
    expect(binding.custom).toEqual([{ label: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', flags: 'u', caseSensitive: false, action: 'tokenize' }]);
  });

  it.each([
    [{ entities: { email: 'hide' } }, ['/entities/email enum']],
    [{ entities: { fax: 'mask' } }, ['/entities additionalProperties']],
    [{ maskStyle: 'some' }, ['/maskStyle enum']],
    [{ phoneRegions: ['de'] }, ['/phoneRegions/0 pattern']],
    [{ response: { action: 'tokenize' } }, ['/response/action enum']],
    [{ maxHoldChars: 8 }, ['/maxHoldChars minimum']],
    [{ maxHoldChars: 100.5 }, ['/maxHoldChars type']],
    [{ custom: [{ label: 'employee id', pattern: 'x' }] }, ['/custom/0/label pattern']],
    [{ custom: [{ pattern: 'x' }] }, ['/custom/0 required']],
    [{ custom: [{ label: 'PROJECT', terms: ['x'], action: 'off' }] }, ['/custom/0/action enum']],
    [{ custom: [{ label: 'PROJECT', pattern: 'x', flags: 'g' }] }, ['/custom/0/flags pattern']],
    [{ redact: true }, [' additionalProperties']],
  ])('rejects %j', (binding, expected) => {
    expect(problems(binding)).toEqual(expected);
  });

  it('rejects an unknown plugin config key', () => {
    expect(validateConfig({ nlp: 'yes' })).toBe(false);
    expect(validateConfig({ nlpMaxChars: -1 })).toBe(false);
    expect(validateConfig({ model: 'en' })).toBe(false);
  });
});
