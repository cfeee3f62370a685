import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../common/http/problems';
import { TEMPLATE_ROLES } from './templates/prompt-template';

const messageTemplate = z.strictObject({ role: z.enum(TEMPLATE_ROLES), content: z.string().max(100_000) });
const jsonSchema = z.record(z.string(), z.unknown());
const penalty = z.number().min(-2).max(2);

export const parametersSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).optional(),
  presence_penalty: penalty.optional(),
  frequency_penalty: penalty.optional(),
  seed: z.number().int().optional(),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).optional(),
});

const versionFields = {
  messages: z.array(messageTemplate).min(1).max(100),
  model: z.string().trim().min(1).max(256),
  parameters: parametersSchema.default({}),
  inputSchema: jsonSchema.optional(),
  outputSchema: jsonSchema.nullable().default(null),
  commitMessage: z.string().max(2_000).default(''),
};

export const createVersionSchema = z.strictObject({
  ...versionFields,
  baseVersion: z.number().int().min(0).optional(),
});
export type CreateVersionInput = z.infer<typeof createVersionSchema>;

export const createPromptSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and dashes, at most 63'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2_000).nullable().default(null),
  version: z.strictObject(versionFields).optional(),
});
export type CreatePromptInput = z.infer<typeof createPromptSchema>;

export const updatePromptSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2_000).nullable().optional(),
});
export type UpdatePromptInput = z.infer<typeof updatePromptSchema>;

export class MessageTemplateDto {
  @ApiProperty({ enum: TEMPLATE_ROLES })
  role: (typeof TEMPLATE_ROLES)[number];

  @ApiProperty({ description: 'Mustache template: `{{name}}`, `{{#list}}…{{/list}}`, `{{^flag}}…{{/flag}}`. No partials, no HTML escaping', example: 'Summarise for {{audience}}: {{text}}' })
  content: string;
}

export class PromptParametersDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 2 })
  temperature?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  top_p?: number;

  @ApiPropertyOptional({ minimum: 1 })
  max_tokens?: number;

  @ApiPropertyOptional({ minimum: 1 })
  max_completion_tokens?: number;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 4 }] })
  stop?: string | string[];

  @ApiPropertyOptional({ minimum: -2, maximum: 2 })
  presence_penalty?: number;

  @ApiPropertyOptional({ minimum: -2, maximum: 2 })
  frequency_penalty?: number;

  @ApiPropertyOptional()
  seed?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "OpenAI's `response_format`" })
  response_format?: Record<string, unknown>;
}

export class CreateVersionDto {
  @ApiProperty({ type: [MessageTemplateDto] })
  messages: MessageTemplateDto[];

  @ApiProperty({ description: '`<provider-account>/<model>` or a route alias', example: 'mock/mock-chat' })
  model: string;

  @ApiPropertyOptional({ type: PromptParametersDto, description: 'Defaults of the call; a request may override each' })
  parameters?: PromptParametersDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of the variables (an object). Every template variable must be declared. Omitted: inferred from the templates (plain values required, sections optional)',
    example: { type: 'object', properties: { text: { type: 'string' }, audience: { enum: ['experts', 'children'] } }, required: ['text', 'audience'] },
  })
  inputSchema?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'JSON Schema the answer should satisfy (used by prompt APIs)' })
  outputSchema?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'What changed and why', default: '' })
  commitMessage?: string;

  @ApiPropertyOptional({ description: 'The latest version the author started from: 409 when another version was saved since' })
  baseVersion?: number;
}

export class InitialVersionDto extends CreateVersionDto {}

export class CreatePromptDto {
  @ApiProperty({ pattern: SLUG_PATTERN.source, example: 'summarise' })
  slug: string;

  @ApiProperty({ example: 'Summarise a text' })
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: InitialVersionDto, description: 'Saves version 1 with the prompt' })
  version?: InitialVersionDto;
}

export class UpdatePromptDto {
  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;
}

export class LabelTargetDto {
  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty({ format: 'uuid' })
  versionId: string;

  @ApiProperty({ description: 'Share of the traffic in whole percents; the targets of a label sum to 100', example: 100 })
  weight: number;
}

export class LabelDto {
  @ApiProperty({ example: 'production', description: '`production`, `staging` or a custom slug' })
  name: string;

  @ApiProperty({ description: 'Moving it files an approval request when the workspace policy for `prompt_promotion` says so (default)' })
  protected: boolean;

  @ApiProperty({ type: [LabelTargetDto] })
  targets: LabelTargetDto[];

  @ApiProperty({ description: '`user:<id>`, `sa:<id>` or `approval:<requestId>`' })
  updatedBy: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class PromptDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ description: 'Number of the newest version; 0 before the first' })
  latestVersion: number;

  @ApiProperty({ type: [LabelDto] })
  labels: LabelDto[];

  @ApiProperty()
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class PromptVersionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  promptId: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [MessageTemplateDto] })
  messages: MessageTemplateDto[];

  @ApiProperty()
  model: string;

  @ApiProperty({ type: PromptParametersDto })
  parameters: PromptParametersDto;

  @ApiProperty({ type: 'object', additionalProperties: true })
  inputSchema: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  outputSchema: Record<string, unknown> | null;

  @ApiProperty()
  commitMessage: string;

  @ApiProperty({ description: '`user:<id>` or `sa:<id>`' })
  author: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}
