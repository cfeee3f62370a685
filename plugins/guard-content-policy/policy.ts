import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { BINDING_INVALID } from './codes.js';
import { type ContentPolicyBinding, DEFAULT_CONTENT_POLICY_BINDING, type RegexRule } from './config.schema.js';
import { compileModelGlob } from './models.js';
import { compileSafeRegex, safeRegexProblem, type SafeRegex } from './re2.js';
import { TermList } from './terms.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface CompiledRegexRule {
  rule: RegexRule;
  regex: SafeRegex;
}

/** A binding made ready to run: globs, term lists and regexes compiled once per binding. */
export interface CompiledPolicy {
  binding: ContentPolicyBinding;
  modelGlobs: RegExp[];
  inputTerms: TermList;
  allowTerms: TermList;
  outputTerms: TermList;
  inputRegex: CompiledRegexRule[];
  outputRegex: CompiledRegexRule[];
  jsonRequired: boolean;
  validateJson?: ValidateFunction;
  /** Whether any output rule is on (else the response and stream hooks do nothing). */
  checksOutput: boolean;
}

const REGEX_RULE_DEFAULTS: Omit<RegexRule, 'id' | 'pattern'> = { flags: '', appliesTo: 'input', action: 'block' };

/** The binding with defaults for anything missing, section by section (the host applies them too). */
export function withDefaults(config: Partial<ContentPolicyBinding> | undefined): ContentPolicyBinding {
  const given = (config ?? {}) as Partial<ContentPolicyBinding>;
  const output = (given.output ?? {}) as Partial<ContentPolicyBinding['output']>;
  const defaults = DEFAULT_CONTENT_POLICY_BINDING;
  return {
    models: { ...defaults.models, ...given.models },
    inputTokens: { ...defaults.inputTokens, ...given.inputTokens },
    terms: { ...defaults.terms, ...given.terms },
    regex: (given.regex ?? []).map((rule: Partial<RegexRule>) => ({ ...REGEX_RULE_DEFAULTS, ...rule }) as RegexRule),
    output: {
      json: { ...defaults.output.json, ...output.json },
      terms: { ...defaults.output.terms, ...output.terms },
      maxChars: { ...defaults.output.maxChars, ...output.maxChars },
    },
  };
}

function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * What is wrong with a binding beyond its JSON Schema: regex rules RE2 cannot compile (including
 * backreferences and lookaround, which it does not support) and output schemas ajv cannot compile.
 * Empty when the binding is usable.
 *
 * @example
 * checkContentPolicyBinding({ regex: [{ id: 'x', pattern: '(a)\\1' }] }); // ['regex rule "x": invalid escape sequence: \\1']
 */
export function checkContentPolicyBinding(config: Partial<ContentPolicyBinding>): string[] {
  const binding = withDefaults(config);
  const problems: string[] = [];
  for (const rule of binding.regex) {
    const problem = safeRegexProblem(rule.pattern, rule.flags);
    if (problem) problems.push(`regex rule "${rule.id}": ${problem.replace(/^Invalid regular expression: \/.*\/\w*: /s, '')}`);
  }
  if (binding.output.json.schema) {
    try {
      compileJsonSchema(binding.output.json.schema);
    } catch (error) {
      problems.push(`output.json.schema: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

const compiled = new WeakMap<object, CompiledPolicy>();

function compile(binding: ContentPolicyBinding): CompiledPolicy {
  const problems = checkContentPolicyBinding(binding);
  if (problems.length > 0) throw new Error(`${BINDING_INVALID}: ${problems.join('; ')}`);
  const regex = binding.regex.map((rule) => ({ rule, regex: compileSafeRegex(rule.pattern, rule.flags) }));
  const schema = binding.output.json.schema;
  const outputTerms = new TermList(binding.output.terms.deny);
  const outputRegex = regex.filter(({ rule }) => rule.appliesTo !== 'input');
  const jsonRequired = binding.output.json.required || schema !== undefined;
  return {
    binding,
    modelGlobs: binding.models.allow.map(compileModelGlob),
    inputTerms: new TermList(binding.terms.deny),
    allowTerms: new TermList(binding.terms.allow),
    outputTerms,
    inputRegex: regex.filter(({ rule }) => rule.appliesTo !== 'output'),
    outputRegex,
    jsonRequired,
    ...(schema ? { validateJson: compileJsonSchema(schema) } : {}),
    checksOutput: jsonRequired || !outputTerms.empty || outputRegex.length > 0 || binding.output.maxChars.max > 0,
  };
}

/**
 * The compiled policy of a binding, compiled on first use and kept as long as the binding object
 * lives. Throws `CONTENT_POLICY_BINDING_INVALID: …` when the binding cannot be compiled.
 */
export function policyFor(config: Partial<ContentPolicyBinding> | undefined): CompiledPolicy {
  const key = (config ?? DEFAULT_CONTENT_POLICY_BINDING) as object;
  let policy = compiled.get(key);
  if (!policy) {
    policy = compile(withDefaults(config));
    compiled.set(key, policy);
  }
  return policy;
}
