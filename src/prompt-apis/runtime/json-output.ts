import type { ChatCompletionRequest } from '../../plugin-sdk';
import { type JsonSchema, PromptVariables, type VariableIssue } from '../../prompts/templates/prompt-variables';

export type JsonVerdict = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly VariableIssue[] };

/**
 * JSON answers of prompt APIs: asked for in the provider's structured-output mode, parsed, and
 * checked against the prompt version's output schema with every problem listed.
 */
export class JsonOutput {
  constructor(private readonly schemas = new PromptVariables()) {}

  check(text: string | null, schema: JsonSchema | null): JsonVerdict {
    let value: unknown;
    try {
      value = JSON.parse(text ?? '');
    } catch (error) {
      return { ok: false, issues: [{ path: '(output)', message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const issues = schema ? this.schemas.validate(schema, value) : [];
    return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
  }
}

/** `response_format` for a JSON API: `json_schema` (strict) with the output schema, else plain `json_object`. */
export function structuredOutput(name: string, schema: JsonSchema | null): Record<string, unknown> {
  if (!schema) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64), schema, strict: true } };
}

/** The one repair attempt: the same conversation, the invalid answer, and what was wrong with it. */
export function repairRequest(request: ChatCompletionRequest, answer: string | null, issues: readonly VariableIssue[]): ChatCompletionRequest {
  const problems = issues.map((issue) => `- ${issue.path} ${issue.message}`).join('\n');
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', content: answer ?? '' },
      { role: 'user', content: `Your answer is not valid:\n${problems}\nAnswer again with only the corrected JSON.` },
    ],
  };
}
