import { ErrorCode, PorticoError } from '../../common/errors';
import { PromptTemplates, type MessageTemplate, type TemplateProblem } from '../templates/prompt-template';
import { inferInputSchema, PromptVariables, undeclaredReferences, type JsonSchema } from '../templates/prompt-variables';
import type { PromptParameters } from './prompt-version';

/** A version as an author submits it (before checks). */
export interface VersionDraft {
  readonly messages: readonly MessageTemplate[];
  readonly model: string;
  readonly parameters: PromptParameters;
  readonly inputSchema?: JsonSchema;
  readonly outputSchema: JsonSchema | null;
  readonly commitMessage: string;
}

export type CheckedVersion = Required<VersionDraft>;

/**
 * What makes a version storable: templates that parse without partials or odd names, an input
 * schema for an object (inferred from the templates when absent), every template variable declared
 * in it, and an output schema ajv can compile. All problems are reported at once (400).
 */
export class VersionRules {
  constructor(
    private readonly templates = new PromptTemplates(),
    private readonly variables = new PromptVariables(),
  ) {}

  check(draft: VersionDraft): CheckedVersion {
    const templateProblems = this.templates.check(draft.messages);
    if (templateProblems.length > 0) throw templateInvalid(templateProblems);
    const references = this.templates.references(draft.messages);
    const inputSchema = draft.inputSchema ?? inferInputSchema(references);
    const problems = [
      ...this.variables.checkSchema(inputSchema, 'inputSchema'),
      ...(draft.outputSchema ? this.outputSchemaProblems(draft.outputSchema) : []),
    ];
    if (problems.length === 0) problems.push(...undeclaredReferences(references, inputSchema));
    if (problems.length > 0) throw templateInvalid(problems);
    return { ...draft, inputSchema };
  }

  private outputSchemaProblems(schema: JsonSchema): TemplateProblem[] {
    return this.variables.checkSchema({ type: 'object', properties: { output: schema } }, 'outputSchema').map((problem) => ({ ...problem, path: 'outputSchema' }));
  }
}

function templateInvalid(problems: readonly TemplateProblem[]): PorticoError {
  return new PorticoError(ErrorCode.PROMPT_TEMPLATE_INVALID, `the version cannot be saved: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`, {
    status: 400,
    details: { issues: problems },
  });
}
