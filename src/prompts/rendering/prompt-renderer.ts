import { ErrorCode, PorticoError } from '../../common/errors';
import { PromptTemplates, type RenderedMessage } from '../templates/prompt-template';
import { PromptVariables, type VariableIssue } from '../templates/prompt-variables';
import type { PromptVersion } from '../versions/prompt-version';

/**
 * Renders a version with variables, after checking them against the version's input schema: the
 * one place the admin preview, the "try" call and the data plane render, so they agree.
 */
export class PromptRenderer {
  constructor(
    private readonly templates = new PromptTemplates(),
    private readonly variables = new PromptVariables(),
  ) {}

  /** @throws PorticoError `PROMPT_VARIABLES_INVALID` (422) listing every problem in `details.issues`. */
  render(version: Pick<PromptVersion, 'messages' | 'inputSchema'>, variables: unknown): RenderedMessage[] {
    const issues = this.variables.validate(version.inputSchema, variables);
    if (issues.length > 0) throw variablesInvalid(issues);
    return this.templates.render(version.messages, variables as Record<string, unknown>);
  }
}

export function variablesInvalid(issues: readonly VariableIssue[]): PorticoError {
  const listed = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return new PorticoError(ErrorCode.PROMPT_VARIABLES_INVALID, `the variables do not match the prompt's input schema: ${listed}`, {
    status: 422,
    details: { issues },
  });
}
