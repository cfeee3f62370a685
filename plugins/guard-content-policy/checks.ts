import type { ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import { CONTENT_POLICY_CODES as CODES, type ContentPolicyCode } from './codes.js';
import type { RuleAction, TokenizerName } from './config.schema.js';
import { modelAllowed } from './models.js';
import type { CompiledPolicy } from './policy.js';
import { countChars, foldText, textsOfRoles } from './text.js';
import { fitsInTokens } from './tokens.js';

/**
 * One rule that matched: its stable code, what the binding says to do, the rule's name and a
 * message for the caller that never repeats the matched text or the listed term.
 */
export interface Violation {
  code: ContentPolicyCode;
  action: RuleAction;
  rule: string;
  message: string;
}

/**
 * The prompt's violations in rule order (model, token count, terms, regex rules), up to and
 * including the first one that blocks: later rules would not change the verdict.
 */
export function requestViolations(policy: CompiledPolicy, request: ChatCompletionRequest, tokenizer: TokenizerName): Violation[] {
  const { binding } = policy;
  const found: Violation[] = [];
  /** Adds a violation; true when it blocks, so the caller can stop there. */
  const add = (violation: Violation) => {
    found.push(violation);
    return violation.action === 'block';
  };
  if (!modelAllowed(request.model, policy.modelGlobs)) {
    const model = typeof request.model === 'string' ? request.model.slice(0, 100) : '';
    if (add({ code: CODES.MODEL_NOT_ALLOWED, action: binding.models.action, rule: 'models', message: `The model "${model}" is not allowed here.` })) return found;
  }
  if (binding.inputTokens.max > 0 && !fitsInTokens(request, binding.inputTokens.max, tokenizer)) {
    const message = `The prompt is longer than ${binding.inputTokens.max} tokens.`;
    if (add({ code: CODES.INPUT_TOO_LONG, action: binding.inputTokens.action, rule: 'inputTokens', message })) return found;
  }
  const needsText = !policy.inputTerms.empty || policy.inputRegex.length > 0;
  const texts = needsText ? textsOfRoles(request, binding.terms.roles) : [];
  if (!policy.inputTerms.empty && texts.some((text) => policy.inputTerms.contains(policy.allowTerms.mask(foldText(text)), true))) {
    if (add({ code: CODES.DENIED_TERM, action: binding.terms.action, rule: 'terms', message: 'The prompt contains a denied term.' })) return found;
  }
  for (const { rule, regex } of policy.inputRegex) {
    if (!texts.some((text) => regex.test(text))) continue;
    if (add({ code: CODES.REGEX_MATCH, action: rule.action, rule: `regex.${rule.id}`, message: `The prompt matches the content rule "${rule.id}".` })) return found;
  }
  return found;
}

export function tooLong(policy: CompiledPolicy): Violation {
  const { max, action } = policy.binding.output.maxChars;
  return { code: CODES.OUTPUT_TOO_LONG, action, rule: 'output.maxChars', message: `The model answer is longer than ${max} characters.` };
}

export function deniedOutputTerm(policy: CompiledPolicy): Violation {
  return { code: CODES.OUTPUT_DENIED_TERM, action: policy.binding.output.terms.action, rule: 'output.terms', message: 'The model answer contains a denied term.' };
}

export function outputRegexMatch(rule: { id: string; action: RuleAction }): Violation {
  return { code: CODES.OUTPUT_REGEX_MATCH, action: rule.action, rule: `regex.${rule.id}`, message: `The model answer matches the content rule "${rule.id}".` };
}

/** Whether the answer is JSON (and matches the schema, when there is one). */
export function jsonViolation(policy: CompiledPolicy, text: string): Violation | undefined {
  if (!policy.jsonRequired) return undefined;
  const action = policy.binding.output.json.action;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { code: CODES.OUTPUT_NOT_JSON, action, rule: 'output.json', message: 'The model answer is not valid JSON.' };
  }
  const validate = policy.validateJson;
  if (!validate || validate(value)) return undefined;
  const first = validate.errors?.[0];
  const detail = first ? ` (${first.instancePath || '/'} ${first.message ?? first.keyword})` : '';
  return { code: CODES.OUTPUT_SCHEMA_MISMATCH, action, rule: 'output.json', message: `The model answer does not match the required JSON schema${detail}.` };
}

/** Violations of one complete answer text (a non-streamed choice, or a stream's text at its end). */
export function outputViolations(policy: CompiledPolicy, text: string, options: { checkLength: boolean; checkTerms: boolean }): Violation[] {
  const found: Violation[] = [];
  const { max } = policy.binding.output.maxChars;
  if (options.checkLength && max > 0 && countChars(text) > max) found.push(tooLong(policy));
  if (options.checkTerms && !policy.outputTerms.empty && policy.outputTerms.contains(policy.allowTerms.mask(foldText(text)), true)) {
    found.push(deniedOutputTerm(policy));
  }
  for (const { rule, regex } of policy.outputRegex) if (regex.test(text)) found.push(outputRegexMatch(rule));
  const json = text.trim() === '' ? undefined : jsonViolation(policy, text);
  if (json) found.push(json);
  return found;
}
