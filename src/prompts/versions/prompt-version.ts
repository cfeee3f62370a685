import type { MessageTemplate } from '../templates/prompt-template';
import type { JsonSchema } from '../templates/prompt-variables';

/** Sampling and output parameters a version sets; a request may override each of them. */
export interface PromptParameters {
  readonly temperature?: number;
  readonly top_p?: number;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly stop?: string | string[];
  readonly presence_penalty?: number;
  readonly frequency_penalty?: number;
  readonly seed?: number;
  readonly response_format?: Record<string, unknown>;
}

/** One saved version of a prompt. Immutable: the database refuses to change it. */
export interface PromptVersion {
  readonly id: string;
  readonly promptId: string;
  readonly number: number;
  readonly messages: readonly MessageTemplate[];
  /** `<account>/<model>` or a route alias. */
  readonly model: string;
  readonly parameters: PromptParameters;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema | null;
  readonly commitMessage: string;
  /** `user:<id>` or `sa:<id>`. */
  readonly author: string;
  readonly createdAt: Date;
}
