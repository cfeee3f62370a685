import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { SLUG_PATTERN } from '../common/http/problems';
import { ApprovalRequestSummaryDto } from '../prompts/labels/labels.dto';

const tag = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32');

export const createProductSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and dashes, at most 63'),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).nullable().default(null),
  tags: z.array(tag).max(20).default([]),
  visibility: z.enum(['public', 'workspace']).default('workspace'),
});
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5_000).nullable().optional(),
  tags: z.array(tag).max(20).optional(),
  visibility: z.enum(['public', 'workspace']).optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const createVersionSchema = z
  .strictObject({
    prompt: z.string().regex(SLUG_PATTERN),
    promptVersion: z.number().int().min(1).optional(),
    promptLabel: z.string().min(1).max(64).optional(),
    output: z.enum(['text', 'json']).default('text'),
  })
  .refine((input) => (input.promptVersion === undefined) !== (input.promptLabel === undefined), { message: 'name exactly one of promptVersion and promptLabel', path: ['promptVersion'] });
export type CreateVersionInput = z.infer<typeof createVersionSchema>;

export const updateVersionSchema = z
  .strictObject({
    prompt: z.string().regex(SLUG_PATTERN).optional(),
    promptVersion: z.number().int().min(1).optional(),
    promptLabel: z.string().min(1).max(64).optional(),
    output: z.enum(['text', 'json']).optional(),
  })
  .refine((input) => input.promptVersion === undefined || input.promptLabel === undefined, { message: 'name at most one of promptVersion and promptLabel', path: ['promptVersion'] })
  .refine((input) => input.prompt === undefined || input.promptVersion !== undefined || input.promptLabel !== undefined, { message: 'a new prompt needs its promptVersion or promptLabel', path: ['prompt'] })
  .refine((input) => Object.keys(input).length > 0, { message: 'change at least one field', path: [] });
export type UpdateVersionInput = z.infer<typeof updateVersionSchema>;

export const submitSchema = z.strictObject({ reason: z.string().max(2_000).optional() });
export type SubmitInput = z.infer<typeof submitSchema>;

export const deprecateSchema = z.strictObject({ sunset: z.iso.datetime({ offset: true }).transform((value) => new Date(value)) });
export type DeprecateInput = z.infer<typeof deprecateSchema>;

export const retireSchema = z.strictObject({ successor: z.number().int().min(1) });
export type RetireInput = z.infer<typeof retireSchema>;

export class CreateProductDto {
  @ApiProperty({ example: 'summarise', description: 'URL-safe, unique in the workspace: `POST /apis/<slug>`' })
  slug: string;

  @ApiProperty({ example: 'Summarise a text' })
  title: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['text', 'nlp'] })
  tags?: string[];

  @ApiPropertyOptional({ enum: ['public', 'workspace'], default: 'workspace', description: '`public`: the portal lists it to every visitor; `workspace`: to members of the workspace' })
  visibility?: 'public' | 'workspace';
}

export class UpdateProductDto {
  @ApiPropertyOptional()
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  tags?: string[];

  @ApiPropertyOptional({ enum: ['public', 'workspace'] })
  visibility?: 'public' | 'workspace';
}

export class CreateApiVersionDto {
  @ApiProperty({ example: 'summariser', description: 'Slug of a prompt of the workspace' })
  prompt: string;

  @ApiPropertyOptional({ example: 3, description: 'A version of the prompt (exactly one of `promptVersion` and `promptLabel`)' })
  promptVersion?: number;

  @ApiPropertyOptional({ example: 'production', description: 'A label of the prompt, resolved to the one version it points at when the API version is submitted' })
  promptLabel?: string;

  @ApiPropertyOptional({ enum: ['text', 'json'], default: 'text', description: '`json`: the answer is parsed and validated against the prompt version\'s output schema' })
  output?: 'text' | 'json';
}

export class UpdateApiVersionDto {
  @ApiPropertyOptional({ example: 'summariser', description: 'Another prompt of the workspace (then name its `promptVersion` or `promptLabel`)' })
  prompt?: string;

  @ApiPropertyOptional({ example: 4, description: 'Serve this version of the prompt (replaces a label)' })
  promptVersion?: number;

  @ApiPropertyOptional({ example: 'production', description: 'Serve the version this label points at when submitted (replaces a fixed version)' })
  promptLabel?: string;

  @ApiPropertyOptional({ enum: ['text', 'json'] })
  output?: 'text' | 'json';
}

export class SubmitDto {
  @ApiPropertyOptional({ description: 'Why this version should be published (shown to approvers)' })
  reason?: string;
}

export class DeprecateDto {
  @ApiProperty({ format: 'date-time', example: '2027-01-31T00:00:00Z', description: 'When the version is expected to stop answering (the `Sunset` header); in the future' })
  sunset: string;
}

export class RetireDto {
  @ApiProperty({ example: 3, description: 'The published version callers must move to (named in the 410 answer)' })
  successor: number;
}

export class ApiVersionDto {
  @ApiProperty({ example: 2 })
  number: number;

  @ApiProperty({ enum: ['draft', 'in_review', 'published', 'deprecated', 'retired'] })
  state: string;

  @ApiProperty({ example: 'summariser' })
  prompt: string;

  @ApiProperty({ nullable: true, type: Number, description: 'The fixed prompt version; null on a draft that names a label' })
  promptVersion: number | null;

  @ApiProperty({ nullable: true, type: String })
  promptLabel: string | null;

  @ApiProperty({ enum: ['text', 'json'] })
  output: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  approvalRequestId: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  publishedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  deprecatedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  sunsetAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  retiredAt: Date | null;

  @ApiProperty({ nullable: true, type: Number })
  successorVersion: number | null;

  @ApiProperty()
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}

export class ApiProductDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ enum: ['public', 'workspace'] })
  visibility: string;

  @ApiProperty({ type: [ApiVersionDto] })
  versions: ApiVersionDto[];

  @ApiProperty()
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

export class SubmitOutcomeDto {
  @ApiProperty({ enum: ['published', 'pending_approval'], description: '`published` (200: the workspace policy requires no approval) or `pending_approval` (202)' })
  outcome: 'published' | 'pending_approval';

  @ApiProperty({ type: ApiVersionDto })
  version: ApiVersionDto;

  @ApiProperty({ type: ApprovalRequestSummaryDto, nullable: true })
  approvalRequest: ApprovalRequestSummaryDto | null;
}
