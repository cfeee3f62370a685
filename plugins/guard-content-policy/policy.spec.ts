import { describe, expect, it } from 'vitest';
import { BINDING_INVALID } from './codes.js';
import { DEFAULT_CONTENT_POLICY_BINDING } from './config.schema.js';
import { compileModelGlob, modelAllowed } from './models.js';
import { checkContentPolicyBinding, policyFor, withDefaults } from './policy.js';
import { compileSafeRegex } from './re2.js';

describe('regex rules run on RE2', () => {
  it('match in linear time a pattern that backtracks catastrophically in JavaScript', () => {
    const nested = compileSafeRegex('^(a+)+$');
    expect(nested.test(`${'a'.repeat(100_000)}b`)).toBe(false);
    expect(nested.test('a'.repeat(100_000))).toBe(true);
  });

  it('honour the i, m and s flags', () => {
    expect(compileSafeRegex('secret', 'i').test('SECRET')).toBe(true);
    expect(compileSafeRegex('^b', 'm').test('a\nb')).toBe(true);
    expect(compileSafeRegex('a.b', 's').test('a\nb')).toBe(true);
  });
});

describe('checkContentPolicyBinding', () => {
  it('accepts a usable binding', () => {
    expect(checkContentPolicyBinding({ regex: [{ id: 'card', pattern: '\\b\\d{16}\\b', flags: '', appliesTo: 'both', action: 'block' }] })).toEqual([]);
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'foo(?=bar)'],
    ['a lookbehind', '(?<=a)b'],
    ['broken syntax', '(unclosed'],
  ])('rejects %s (RE2 does not support it)', (_name, pattern) => {
    const problems = checkContentPolicyBinding({ regex: [{ id: 'bad', pattern, flags: '', appliesTo: 'input', action: 'block' }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^regex rule "bad": /);
  });

  it('rejects an output schema ajv cannot compile', () => {
    const problems = checkContentPolicyBinding({ output: { ...DEFAULT_CONTENT_POLICY_BINDING.output, json: { required: true, bufferStream: false, action: 'block', schema: { type: 'nonsense' } } } });
    expect(problems).toEqual([expect.stringMatching(/^output\.json\.schema: /)]);
  });
});

describe('policyFor', () => {
  it('compiles a binding once and reuses it', () => {
    const binding = { terms: { deny: ['kill'], allow: [], roles: ['user' as const], action: 'block' as const } };
    expect(policyFor(binding)).toBe(policyFor(binding));
  });

  it('throws a coded error for a binding it cannot compile (the host applies the fail mode)', () => {
    expect(() => policyFor({ regex: [{ id: 'bad', pattern: '(a)\\1', flags: '', appliesTo: 'input', action: 'block' }] })).toThrow(new RegExp(`^${BINDING_INVALID}: regex rule "bad"`));
  });

  it('fills defaults section by section', () => {
    expect(withDefaults({ output: { maxChars: { max: 10 } } } as never).output).toEqual({ ...DEFAULT_CONTENT_POLICY_BINDING.output, maxChars: { max: 10, action: 'block' } });
    expect(withDefaults(undefined)).toEqual(DEFAULT_CONTENT_POLICY_BINDING);
  });

  it('knows when no output rule is on', () => {
    expect(policyFor({}).checksOutput).toBe(false);
    expect(policyFor({ output: { maxChars: { max: 5 } } } as never).checksOutput).toBe(true);
  });
});

describe('model globs', () => {
  it.each([
    ['openai/gpt-4o*', 'openai/gpt-4o-mini', true],
    ['openai/gpt-4o*', 'OpenAI/GPT-4o', true],
    ['openai/gpt-4o*', 'anthropic/claude', false],
    ['*/claude-?-haiku', 'anthropic/claude-3-haiku', true],
    ['chat-default', 'chat-default', true],
    ['chat-default', 'chat-default-2', false],
    ['gpt-4.1', 'gpt-401', false],
  ])('%s against %s: %s', (glob, model, expected) => {
    expect(compileModelGlob(glob).test(model)).toBe(expected);
  });

  it('allows every model when the list is empty and nothing that is not a string', () => {
    expect(modelAllowed('anything', [])).toBe(true);
    expect(modelAllowed(undefined, [compileModelGlob('*')])).toBe(false);
    expect(modelAllowed('x'.repeat(300), [compileModelGlob('*')])).toBe(false);
  });
});
