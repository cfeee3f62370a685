import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../common/http/problems';
import { MessageTemplateDto, parametersSchema, PromptParametersDto } from '../prompts.dto';

const selector = {
  version: z.number().int().min(1).optional(),
  label: z.string().regex(SLUG_PATTERN).optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
};
const oneSelector = (body: { version?: number; label?: string }) => body.version === undefined || body.label === undefined;
const oneSelectorError = { message: 'name a version or a label, not both', path: ['label'] };

export const renderSchema = z.strictObject(selector).refine(oneSelector, oneSelectorError);
export type RenderInput = z.infer<typeof renderSchema>;

export const trySchema = z
  .strictObject({ ...selector, model: z.string().trim().min(1).max(256).optional(), parameters: parametersSchema.default({}) })
  .refine(oneSelector, oneSelectorError);
export type TryInput = z.infer<typeof trySchema>;

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export const diffQuerySchema = z.strictObject({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() });
export const analyticsQuerySchema = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export class RenderDto {
  @ApiPropertyOptional({ description: 'A version number; or' })
  version?: number;

  @ApiPropertyOptional({ description: 'a label (an A/B label draws by weight). Neither: the latest version' })
  label?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Checked against the version's input schema (422 listing each problem)" })
  variables?: Record<string, unknown>;
}

export class TryDto extends RenderDto {
  @ApiPropertyOptional({ description: "Overrides the version's model or route" })
  model?: string;

  @ApiPropertyOptional({ type: PromptParametersDto, description: "Override the version's parameters" })
  parameters?: PromptParametersDto;
}

export class RenderedDto {
  @ApiProperty()
  prompt: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ nullable: true, type: String, description: 'The label that picked the version, if any' })
  label: string | null;

  @ApiProperty()
  model: string;

  @ApiProperty({ type: PromptParametersDto })
  parameters: PromptParametersDto;

  @ApiProperty({ type: [MessageTemplateDto], description: 'Rendered messages' })
  messages: MessageTemplateDto[];
}

export class TriedDto extends RenderedDto {
  @ApiProperty({ description: '`<account>/<model>` that answered' })
  target: string;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ nullable: true, type: Number, description: 'USD; null when the model has no price' })
  costUsd: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The OpenAI chat completion' })
  response: Record<string, unknown>;
}

export class TemplateChangeDto {
  @ApiProperty({ enum: ['keep', 'add', 'remove'] })
  op: string;

  @ApiProperty({ type: [String] })
  lines: string[];
}

export class FieldChangeDto {
  @ApiProperty({ example: 'parameters.temperature' })
  path: string;

  @ApiPropertyOptional({ description: 'Absent when the field is new' })
  from?: unknown;

  @ApiPropertyOptional({ description: 'Absent when the field was removed' })
  to?: unknown;
}

export class VersionDiffDto {
  @ApiProperty()
  from: number;

  @ApiProperty()
  to: number;

  @ApiProperty({ description: 'Unified diff of the template sources, each message as `[role]` and its content' })
  patch: string;

  @ApiProperty({ type: [TemplateChangeDto] })
  changes: TemplateChangeDto[];

  @ApiProperty()
  linesAdded: number;

  @ApiProperty()
  linesRemoved: number;

  @ApiProperty({ type: [FieldChangeDto], description: 'Model, parameters, input and output schema, member by member' })
  fields: FieldChangeDto[];
}

export class VersionAnalyticsDto {
  @ApiProperty({ nullable: true, type: Number })
  version: number | null;

  @ApiProperty()
  calls: number;

  @ApiProperty({ description: 'Calls that ended with an error class (refused, upstream failure, cut, …)' })
  errors: number;

  @ApiProperty({ nullable: true, type: Number })
  p50LatencyMs: number | null;

  @ApiProperty({ nullable: true, type: Number })
  p95LatencyMs: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'USD of priced calls; null when none had a price' })
  costUsd: number | null;

  @ApiProperty()
  promptTokens: number;

  @ApiProperty()
  completionTokens: number;
}

export class PromptAnalyticsDto {
  @ApiProperty({ format: 'date-time' })
  from: Date;

  @ApiProperty({ format: 'date-time' })
  to: Date;

  @ApiProperty({ type: [VersionAnalyticsDto] })
  versions: VersionAnalyticsDto[];
}
